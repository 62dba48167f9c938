/**
 * Where a space's board hangs and how board units map onto it. Protocol frame throughout
 * (right-handed, +Y up, −Z forward, metres). The board is 16:9; its front faces `yaw` (radians about
 * +Y; 0 faces −Z, like an avatar's heading), so people stand in front of it looking the other way.
 */
import { BOARD_UNITS_H, BOARD_UNITS_W } from '../protocol/board.js';
import type { Bounds } from '../protocol/bounds.js';
import { spawnSpot } from './spawn.js';

export interface BoardPlacement {
  /** Centre of the drawing surface, metres. */
  x: number;
  y: number;
  z: number;
  /** Direction the front faces, radians about +Y (0 = −Z). */
  yaw: number;
  /** Width of the drawing surface, metres; the height is width × 9 / 16. */
  width: number;
}

export const BOARD_ASPECT = BOARD_UNITS_H / BOARD_UNITS_W;

export function boardHeight(width: number): number {
  return width * BOARD_ASPECT;
}

/** On the −x wall, a little towards the far wall, facing into the hall: free in the default hall. */
export function defaultBoardPlacement(hall: { width: number; depth: number }): BoardPlacement {
  const width = Math.min(4.8, hall.depth * 0.3);
  return { x: -hall.width / 2 + 0.08, y: 0.85 + boardHeight(width) / 2, z: -hall.depth * 0.2, yaw: -Math.PI / 2, width };
}

export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Unit vectors of the board: `normal` out of its front, `right` along +u, `up` along −v. */
export function boardAxes(yaw: number): { normal: Vec3; right: Vec3; up: Vec3 } {
  const s = Math.sin(yaw);
  const c = Math.cos(yaw);
  return { normal: { x: -s, y: 0, z: -c }, right: { x: -c, y: 0, z: s }, up: { x: 0, y: 1, z: 0 } };
}

/** Board units → a point on the board's surface. */
export function unitsToWorld(b: BoardPlacement, u: number, v: number): Vec3 {
  const { right } = boardAxes(b.yaw);
  const h = boardHeight(b.width);
  const a = (u / BOARD_UNITS_W - 0.5) * b.width;
  const up = (0.5 - v / BOARD_UNITS_H) * h;
  return { x: b.x + right.x * a, y: b.y + up, z: b.z + right.z * a };
}

/**
 * A point near the board → board units (not clamped) and its distance in front of the surface
 * (metres, negative behind it).
 */
export function worldToUnits(b: BoardPlacement, p: Vec3): { u: number; v: number; front: number } {
  const { normal, right } = boardAxes(b.yaw);
  const dx = p.x - b.x;
  const dy = p.y - b.y;
  const dz = p.z - b.z;
  const a = dx * right.x + dz * right.z;
  return {
    u: (a / b.width + 0.5) * BOARD_UNITS_W,
    v: (0.5 - dy / boardHeight(b.width)) * BOARD_UNITS_H,
    front: dx * normal.x + dz * normal.z,
  };
}

/** Where to stand to see the whole board: `distance` metres in front of it, facing it (protocol yaw). */
export function viewingSpot(b: BoardPlacement, distance = 3.2): { x: number; z: number; yaw: number } {
  const { normal } = boardAxes(b.yaw);
  return { x: b.x + normal.x * distance, z: b.z + normal.z * distance, yaw: b.yaw + Math.PI };
}

/**
 * Where "Go to board" puts someone (SPEC B9): the viewing spot `distance` metres out and `along`
 * metres to the board's right; when someone already stands there, the nearest free spot (the
 * newcomer rule, HD8), so a room full of people pressing it spreads out instead of stacking. Facing
 * the board: straight at it on the spot itself, at its centre from a spot moved aside; then `turn`
 * radians to the left.
 */
export function boardSpot(
  b: BoardPlacement,
  bounds: Bounds,
  standing: Iterable<{ x: number; z: number }>,
  distance = 3.4,
  along = 0,
  turn = 0,
): { x: number; z: number; yaw: number } {
  const spot = viewingSpot(b, distance);
  const { right } = boardAxes(b.yaw);
  const want = { x: spot.x + right.x * along, z: spot.z + right.z * along };
  const at = spawnSpot(want.x, want.z, bounds, standing);
  const moved = at.x !== want.x || at.z !== want.z;
  // Heading towards the centre: atan2(−forward.x, −forward.z) with forward = board − spot.
  return { x: at.x, z: at.z, yaw: (moved ? Math.atan2(at.x - b.x, at.z - b.z) : spot.yaw) + turn };
}
