/**
 * Where a movable part may be put (SPEC G6): never inside its machine's body, where no one could see
 * or reach it again, and never below the floor or above a raised hand. The server moves the part to
 * the nearest reachable place rather than refusing the move, so a drag in VR keeps following the hand.
 */
import { rotateVec, type Quat } from '../../shared/twin/math.js';

export type Vec3 = [number, number, number];

/** An axis-aligned box in the twin's own frame (metres, before placement scale). */
export interface BodyBox {
  min: Vec3;
  max: Vec3;
}

/** Lowest and highest a part's centre may be, protocol frame: the floor, and what a standing hand reaches. */
export const PART_MIN_Y = 0;
export const PART_MAX_Y = 2.2;
/** How far outside a body face a pushed-out part lands, so rounding never leaves it a hair inside. */
const MARGIN = 0.001;

/** The twin-frame bounding box of one solid: `size` centred at `p`, turned by `q`. */
export function bodyBox(size: Vec3, p: Vec3, q: Quat): BodyBox {
  const min: Vec3 = [Infinity, Infinity, Infinity];
  const max: Vec3 = [-Infinity, -Infinity, -Infinity];
  for (const sx of [-0.5, 0.5])
    for (const sy of [-0.5, 0.5])
      for (const sz of [-0.5, 0.5]) {
        const c = rotateVec(q, [sx * size[0], sy * size[1], sz * size[2]]);
        for (let i = 0; i < 3; i++) {
          min[i] = Math.min(min[i]!, p[i]! + c[i]!);
          max[i] = Math.max(max[i]!, p[i]! + c[i]!);
        }
      }
  return { min, max };
}

/** Where the twin stands in the space. */
export interface Placement {
  position: Vec3;
  rotation: Quat;
  scale: number;
}

const conj = (q: Quat): Quat => ({ x: -q.x, y: -q.y, z: -q.z, w: q.w });
const strictlyInside = (b: BodyBox, v: Vec3): boolean => v.every((c, i) => c > b.min[i]! && c < b.max[i]!);

function toTwin(pl: Placement, p: Vec3): Vec3 {
  const r = rotateVec(conj(pl.rotation), [p[0] - pl.position[0], p[1] - pl.position[1], p[2] - pl.position[2]]);
  return [r[0] / pl.scale, r[1] / pl.scale, r[2] / pl.scale];
}

function toSpace(pl: Placement, v: Vec3): Vec3 {
  const r = rotateVec(pl.rotation, [v[0] * pl.scale, v[1] * pl.scale, v[2] * pl.scale]);
  return [pl.position[0] + r[0], pl.position[1] + r[1], pl.position[2] + r[2]];
}

const reachableY = (y: number): boolean => y >= PART_MIN_Y - 1e-9 && y <= PART_MAX_Y + 1e-9;

/**
 * The nearest reachable place for a part's centre `p` (protocol frame): height clamped to
 * [PART_MIN_Y, PART_MAX_Y]; a centre inside a body box moves along one axis of the machine's frame to
 * the nearest face of any body box where it is inside none of them and still at a reachable height
 * (so a base under a table is left through the table's top, not back into the base). With no such
 * place it goes back to `rest`.
 */
export function clampPart(p: Vec3, pl: Placement, body: readonly BodyBox[], rest: Vec3): Vec3 {
  const out: Vec3 = [p[0], Math.min(PART_MAX_Y, Math.max(PART_MIN_Y, p[1])), p[2]];
  const local = toTwin(pl, out);
  const free = (v: Vec3) => !body.some((b) => strictlyInside(b, v));
  if (free(local)) return out;
  let best: Vec3 | null = null;
  let bestD = Infinity;
  for (const b of body)
    for (let axis = 0; axis < 3; axis++)
      for (const to of [b.min[axis]! - MARGIN, b.max[axis]! + MARGIN]) {
        const d = Math.abs(to - local[axis]!);
        if (d >= bestD) continue;
        const moved: Vec3 = [...local];
        moved[axis] = to;
        const there = toSpace(pl, moved);
        if (reachableY(there[1]) && free(moved)) {
          best = there;
          bestD = d;
        }
      }
  return best ?? [...rest];
}
