import { describe, expect, it } from 'vitest';
import { BOARD_MAX_POINTS_PER_MESSAGE, BOARD_UNITS_H, BOARD_UNITS_W, StrokeMessage } from '../../../../shared/protocol/board.js';
import { check } from '../../../../shared/protocol/validation.js';
import { boardAxes, boardHeight, defaultBoardPlacement, unitsToWorld, viewingSpot, worldToUnits } from '../../../../shared/space/board.js';

const good = { key: 1, color: '#112233', width: 8, points: [0, 0, BOARD_UNITS_W, BOARD_UNITS_H], end: false };

describe('board stroke messages (SPEC B2)', () => {
  it('accepts a piece inside the board', () => {
    expect(check(StrokeMessage, good).ok).toBe(true);
  });

  it.each<[string, unknown, RegExp]>([
    [
      'more than 128 points',
      { ...good, points: Array.from({ length: 2 * BOARD_MAX_POINTS_PER_MESSAGE + 2 }, () => 1) },
      /at most 128 points/,
    ],
    ['no point', { ...good, points: [] }, /points/],
    ['an odd number of coordinates', { ...good, points: [1, 2, 3] }, /pairs/],
    ['v below the board', { ...good, points: [1, BOARD_UNITS_H + 1] }, /v is at most 1800/],
    ['u beyond the board', { ...good, points: [BOARD_UNITS_W + 1, 1] }, /points/],
    ['a negative coordinate', { ...good, points: [-1, 1] }, /points/],
    ['a fractional coordinate', { ...good, points: [1.5, 1] }, /points/],
    ['a pen too wide', { ...good, width: 97 }, /width/],
    ['a colour word', { ...good, color: 'blue' }, /color/],
    ['an extra field', { ...good, by: 'someone' }, /by/],
  ])('refuses %s, naming the field', (_w, value, problem) => {
    const r = check(StrokeMessage, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toMatch(problem);
  });
});

describe('board geometry (SPEC B1)', () => {
  const b = { x: -15.9, y: 2.2, z: -5, yaw: -Math.PI / 2, width: 4.8 };

  it('is 16:9', () => {
    expect(boardHeight(4.8)).toBeCloseTo(2.7, 6);
  });

  it('faces +x on the −x wall, u runs towards −z (the viewer’s right), v runs down', () => {
    const { normal, right } = boardAxes(b.yaw);
    expect(normal.x).toBeCloseTo(1, 6);
    expect(right.z).toBeCloseTo(-1, 6);
    const topLeft = unitsToWorld(b, 0, 0);
    expect(topLeft).toEqual({ x: expect.closeTo(-15.9, 6), y: expect.closeTo(2.2 + 1.35, 6), z: expect.closeTo(-5 + 2.4, 6) });
  });

  it('maps units to the surface and back', () => {
    for (const [u, v] of [
      [0, 0],
      [1600, 900],
      [3200, 1800],
      [123, 1701],
    ] as const) {
      const p = unitsToWorld(b, u, v);
      const back = worldToUnits(b, p);
      expect(back.u).toBeCloseTo(u, 6);
      expect(back.v).toBeCloseTo(v, 6);
      expect(back.front).toBeCloseTo(0, 6);
    }
  });

  it('stands viewers in front of the board, facing it', () => {
    const s = viewingSpot(b, 3);
    expect(s.x).toBeCloseTo(-12.9, 6);
    expect(s.z).toBeCloseTo(-5, 6);
    // Facing −x: yaw +π/2 (positive yaw turns left from −z).
    expect(Math.sin(s.yaw)).toBeCloseTo(1, 6);
  });

  it('hangs on the −x wall of a hall by default, inside it', () => {
    const d = defaultBoardPlacement({ width: 32, depth: 24 });
    expect(d.x).toBeGreaterThan(-16);
    expect(d.x).toBeLessThan(-15.8);
    expect(d.y - boardHeight(d.width) / 2).toBeCloseTo(0.85, 6);
  });
});
