/**
 * "Go to board" (SPEC B9): the first comer gets the viewing spot facing the board; everyone after
 * spreads to the nearest free spot, inside the hall, and faces the board's centre from there.
 */
import { describe, expect, it } from 'vitest';
import { boardSpot, defaultBoardPlacement, viewingSpot } from '../../../../shared/space/board.js';
import { hallBounds } from '../../../../shared/space/layout.js';
import { SPAWN_GAP } from '../../../../shared/space/spawn.js';

const HALL = { width: 32, depth: 24, height: 8 };
const BOUNDS = hallBounds(HALL);
const BOARD = defaultBoardPlacement(HALL);

/** Where a person at (x, z) facing protocol `yaw` looks on the floor plane (0 faces −Z). */
const forward = (yaw: number) => ({ x: -Math.sin(yaw), z: -Math.cos(yaw) });

describe('go to board', () => {
  it('B9: the first comer stands on the viewing spot, facing the board', () => {
    const spot = boardSpot(BOARD, BOUNDS, []);
    const view = viewingSpot(BOARD, 3.4);
    expect(spot).toEqual(view);
  });

  it('B9: everyone after spreads out (a gap apart, inside the hall) and faces the board’s centre', () => {
    const standing: { x: number; z: number }[] = [];
    for (let i = 0; i < 12; i++) {
      const s = boardSpot(BOARD, BOUNDS, standing);
      for (const o of standing) expect(Math.hypot(o.x - s.x, o.z - s.z)).toBeGreaterThanOrEqual(SPAWN_GAP - 1e-9);
      expect(s.x).toBeGreaterThanOrEqual(BOUNDS.minX);
      expect(s.x).toBeLessThanOrEqual(BOUNDS.maxX);
      expect(s.z).toBeGreaterThanOrEqual(BOUNDS.minZ);
      expect(s.z).toBeLessThanOrEqual(BOUNDS.maxZ);
      const f = forward(s.yaw);
      const toBoard = { x: BOARD.x - s.x, z: BOARD.z - s.z };
      const len = Math.hypot(toBoard.x, toBoard.z);
      expect(f.x * (toBoard.x / len) + f.z * (toBoard.z / len)).toBeCloseTo(1, 6);
      standing.push({ x: s.x, z: s.z });
    }
  });

  it('B9: an explicit place and turn are kept when that place is free', () => {
    const s = boardSpot(BOARD, BOUNDS, [{ x: 0, z: 0 }], 2.6, 1.3, -0.35);
    const view = viewingSpot(BOARD, 2.6);
    expect(s.yaw).toBeCloseTo(view.yaw - 0.35, 9);
  });
});
