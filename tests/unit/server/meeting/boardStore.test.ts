import { describe, expect, it } from 'vitest';
import {
  BOARD_MAX_OPEN_STROKES,
  BOARD_MAX_POINTS,
  BOARD_MAX_POINTS_PER_MESSAGE,
  BOARD_MAX_STROKE_POINTS,
  BOARD_MAX_STROKES,
  BOARD_SNAPSHOT_CHUNK,
  type StrokeMessage,
} from '../../../../shared/protocol/board.js';
import { BoardStore } from '../../../../server/meeting/boardStore.js';

const piece = (key: number, n: number, end = false): StrokeMessage => ({
  key,
  color: '#000000',
  width: 4,
  points: Array.from({ length: n * 2 }, (_, i) => i % 1800),
  end,
});

describe('board store (SPEC B2, B3, B4, B5, B6)', () => {
  it('B2: numbers strokes and appends pieces to the open stroke of the same key', () => {
    const s = new BoardStore();
    const a = s.piece('ada', piece(1, 3));
    const b = s.piece('ada', piece(1, 2, true));
    expect(a.piece).toMatchObject({ id: 1, by: 'ada', key: 1, end: false });
    expect(b.piece).toMatchObject({ id: 1, end: true });
    expect(s.pointCount).toBe(5);
    // The key is free again: a new stroke.
    expect(s.piece('ada', piece(1, 1)).piece?.id).toBe(2);
    // Another author's key 1 is their own stroke.
    expect(s.piece('bo', piece(1, 1)).piece?.id).toBe(3);
  });

  it('B3: cuts a stroke at its cap and ends it (board.stroke_too_long)', () => {
    const s = new BoardStore();
    let r;
    for (let i = 0; i <= BOARD_MAX_STROKE_POINTS / BOARD_MAX_POINTS_PER_MESSAGE; i++)
      r = s.piece('ada', piece(7, BOARD_MAX_POINTS_PER_MESSAGE));
    expect(r).toMatchObject({ refusal: 'board.stroke_too_long', piece: { end: true, points: [] } });
    expect(s.pointCount).toBe(BOARD_MAX_STROKE_POINTS);
  });

  it('B3: refuses new strokes when the board holds its most strokes (board.full)', () => {
    const s = new BoardStore();
    for (let i = 0; i < BOARD_MAX_STROKES; i++) s.piece('ada', piece(i, 1, true));
    expect(s.piece('ada', piece(99_999, 1, true))).toEqual({ refusal: 'board.full' });
    s.erase([1]);
    expect(s.piece('ada', piece(99_999, 1, true)).piece).toBeDefined();
  });

  it('B3: stops at the most points per board, whoever draws', () => {
    const s = new BoardStore();
    let key = 0;
    while (s.pointCount + BOARD_MAX_STROKE_POINTS <= BOARD_MAX_POINTS) {
      for (let i = 0; i < BOARD_MAX_STROKE_POINTS / BOARD_MAX_POINTS_PER_MESSAGE; i++)
        s.piece('ada', piece(key, BOARD_MAX_POINTS_PER_MESSAGE, false));
      s.piece('ada', piece(key++, 1, true));
    }
    const left = BOARD_MAX_POINTS - s.pointCount;
    const r = s.piece('bo', piece(1, Math.min(left + 5, BOARD_MAX_POINTS_PER_MESSAGE)));
    if (left + 5 <= BOARD_MAX_POINTS_PER_MESSAGE) expect(r.refusal).toBe('board.full');
    expect(s.pointCount).toBeLessThanOrEqual(BOARD_MAX_POINTS);
  });

  it('B3: takes the oldest open stroke as finished beyond the open-stroke limit', () => {
    const s = new BoardStore();
    for (let k = 0; k <= BOARD_MAX_OPEN_STROKES; k++) s.piece('ada', piece(k, 1));
    // The newest keys are still open …
    expect(s.piece('ada', piece(BOARD_MAX_OPEN_STROKES, 1)).piece?.id).toBe(BOARD_MAX_OPEN_STROKES + 1);
    expect(s.piece('ada', piece(1, 1)).piece?.id).toBe(2);
    // … key 0 was closed: a piece with key 0 starts a new stroke.
    expect(s.piece('ada', piece(0, 1)).piece?.id).toBe(BOARD_MAX_OPEN_STROKES + 2);
  });

  it('B4 B5: erases only existing strokes and clears everything', () => {
    const s = new BoardStore();
    s.piece('ada', piece(1, 2, true));
    s.piece('bo', piece(1, 3, true));
    expect(s.erase([2, 42])).toEqual([2]);
    expect(s.pointCount).toBe(2);
    s.clear();
    expect(s.strokeCount).toBe(0);
    expect(s.pointCount).toBe(0);
  });

  it('B6: sends snapshots in chunks, at least one', () => {
    const s = new BoardStore();
    expect(s.snapshot()).toEqual([[]]);
    for (let i = 0; i < BOARD_SNAPSHOT_CHUNK + 1; i++) s.piece('ada', piece(i, 1, true));
    expect(s.snapshot().map((c) => c.length)).toEqual([BOARD_SNAPSHOT_CHUNK, 1]);
  });
});
