import { describe, expect, it } from 'vitest';
import { BoardModel, segmentDistance } from '../../../../client/meeting/board/boardModel.js';
import type { StrokePiece } from '../../../../shared/protocol/board.js';

const piece = (p: Partial<StrokePiece>): StrokePiece => ({
  id: 1,
  by: 'bo',
  key: 1,
  color: '#000000',
  width: 6,
  points: [],
  end: false,
  ...p,
});

describe('board model (SPEC B2, B4, B6)', () => {
  it('draws others’ pieces as they come, from where the stroke left off', () => {
    const m = new BoardModel(() => 'ada');
    expect(m.apply(piece({ points: [0, 0, 10, 10] }))).toMatchObject({ kind: 'extend', from: 0 });
    expect(m.apply(piece({ points: [20, 20], end: true }))).toMatchObject({ kind: 'extend', from: 2 });
    expect(m.strokes.get(1)!.points).toEqual([0, 0, 10, 10, 20, 20]);
  });

  it('shows my stroke at once and only confirms it when the server echoes it', () => {
    const m = new BoardModel(() => 'ada');
    const s = m.begin('#ff0000', 6, 100, 100);
    expect(m.extend(s, 101, 101)).toBe(false); // closer than the minimum step
    expect(m.extend(s, 120, 100)).toBe(true);
    expect([...m.drawable()]).toHaveLength(1);
    expect(m.apply(piece({ id: 5, by: 'ada', key: s.key, points: [100, 100, 120, 100] }))).toBeNull();
    expect(m.idOf(s.key)).toBe(5);
    // Drawn once: the local copy stands in for the confirmed stroke while it is open.
    expect([...m.drawable()]).toHaveLength(1);
    expect(m.apply(piece({ id: 5, by: 'ada', key: s.key, points: [120, 100], end: true }))).toBeNull();
    expect(m.local.size).toBe(0);
    expect([...m.drawable()]).toHaveLength(1);
  });

  it('redraws when the server kept less of my stroke than I drew', () => {
    const m = new BoardModel(() => 'ada');
    const s = m.begin('#ff0000', 6, 0, 0);
    m.extend(s, 50, 0);
    m.extend(s, 100, 0);
    expect(m.apply(piece({ id: 2, by: 'ada', key: s.key, points: [0, 0], end: true }))).toEqual({ kind: 'redraw' });
  });

  it('replaces everything with a snapshot, erases and clears', () => {
    const m = new BoardModel(() => 'ada');
    m.apply(piece({ id: 9, points: [1, 1] }));
    m.snapshot({ strokes: [{ id: 1, by: 'bo', color: '#000000', width: 4, points: [0, 0, 5, 5] }], done: false });
    m.snapshot({ strokes: [{ id: 2, by: 'bo', color: '#000000', width: 4, points: [9, 9] }], done: true });
    expect([...m.strokes.keys()]).toEqual([1, 2]);
    expect(m.erase([2, 3])).toEqual({ kind: 'redraw' });
    expect(m.erase([3])).toBeNull();
    m.clear();
    expect(m.strokes.size).toBe(0);
  });

  it('finds the strokes under the eraser, newest first', () => {
    const m = new BoardModel(() => 'ada');
    m.apply(piece({ id: 1, points: [0, 0, 100, 0], width: 4 }));
    m.apply(piece({ id: 2, points: [50, -50, 50, 50], width: 4 }));
    m.apply(piece({ id: 3, points: [500, 500], width: 4 }));
    expect(m.hit(50, 1, 5)).toEqual([2, 1]);
    expect(m.hit(500, 503, 5)).toEqual([3]);
    expect(m.hit(300, 300, 5)).toEqual([]);
  });

  it('measures distance to a segment', () => {
    expect(segmentDistance(5, 5, 0, 0, 10, 0)).toBe(5);
    expect(segmentDistance(-3, 4, 0, 0, 10, 0)).toBe(5);
    expect(segmentDistance(1, 1, 0, 0, 0, 0)).toBeCloseTo(Math.SQRT2, 6);
  });
});
