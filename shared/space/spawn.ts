/**
 * Where and how an avatar stands when it has no tracked hands: the server uses it for a newcomer's
 * first pose, the desktop client for every pose it sends. Protocol frame throughout.
 */
import type { Joint, Pose } from '../protocol/pose.js';
import type { Bounds } from '../protocol/bounds.js';

/** Eye height of a standing desktop avatar, metres. */
export const STANDING_EYE_HEIGHT = 1.6;

/** Where the hands hang relative to the head, in the body's frame (x right, y up, −z forward), metres. */
const HAND_REST = { x: 0.24, y: -0.62, z: -0.12 };

/** Writes a yaw-only rotation (radians about +Y; 0 faces −Z) into `j`. */
export function setYaw(j: Joint, yaw: number): void {
  j.qx = 0;
  j.qy = Math.sin(yaw / 2);
  j.qz = 0;
  j.qw = Math.cos(yaw / 2);
}

/** Yaw (radians about +Y) of a rotation: the heading of its −Z axis on the floor plane. */
export function yawOf(j: Joint): number {
  // Forward = q · (0,0,−1); heading = atan2(−fx, −fz).
  const fx = -2 * (j.qx * j.qz + j.qw * j.qy);
  const fz = -(1 - 2 * (j.qx * j.qx + j.qy * j.qy));
  return Math.atan2(-fx, -fz);
}

/** Places a hand at its rest spot beside a body at (x, headY, z) facing `yaw`. */
export function restHand(out: Joint, side: -1 | 1, x: number, headY: number, z: number, yaw: number): void {
  const lx = side * HAND_REST.x;
  const lz = HAND_REST.z;
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  out.px = x + lx * c + lz * s;
  out.py = headY + HAND_REST.y;
  out.pz = z - lx * s + lz * c;
  setYaw(out, yaw);
}

/** A standing pose at (x, z) facing `yaw`, head at `eyeHeight`, hands at rest. Writes into `out`. */
export function restPose(out: Pose, x: number, z: number, yaw: number, eyeHeight = STANDING_EYE_HEIGHT): Pose {
  out.flags = 0;
  out.head.px = x;
  out.head.py = eyeHeight;
  out.head.pz = z;
  setYaw(out.head, yaw);
  restHand(out.left, -1, x, eyeHeight, z, yaw);
  restHand(out.right, 1, x, eyeHeight, z, yaw);
  return out;
}

/** Smallest distance between a newcomer's spot and anyone already standing, metres (SPEC HD8). */
export const SPAWN_GAP = 1.0;

/** How far from a wall a spot stays, metres: a body is about this wide. */
const WALL_MARGIN = 0.5;

/**
 * Where a newcomer stands (SPEC HD8): the spot nearest the spawn point (x, z) that is inside `bounds`
 * (a margin from the walls) and at least `gap` from everyone in `occupied`, searched ring by ring on a
 * grid of `gap`. When the floor has no such spot left (a full hall), the spot with the most room
 * around it — never one outside the space.
 */
export function spawnSpot(
  x: number,
  z: number,
  bounds: Bounds,
  occupied: Iterable<{ x: number; z: number }>,
  gap = SPAWN_GAP,
): { x: number; z: number } {
  const others = [...occupied];
  const minX = Math.min(bounds.minX + WALL_MARGIN, (bounds.minX + bounds.maxX) / 2);
  const maxX = Math.max(bounds.maxX - WALL_MARGIN, minX);
  const minZ = Math.min(bounds.minZ + WALL_MARGIN, (bounds.minZ + bounds.maxZ) / 2);
  const maxZ = Math.max(bounds.maxZ - WALL_MARGIN, minZ);
  const cx = Math.min(maxX, Math.max(minX, x));
  const cz = Math.min(maxZ, Math.max(minZ, z));
  const clearance = (px: number, pz: number) => {
    let nearest = Infinity;
    for (const o of others) nearest = Math.min(nearest, Math.hypot(o.x - px, o.z - pz));
    return nearest;
  };
  let best = { x: cx, z: cz };
  let bestClear = clearance(cx, cz);
  if (bestClear >= gap) return best;
  const rings = Math.ceil(Math.max(maxX - minX, maxZ - minZ) / gap);
  for (let r = 1; r <= rings; r++) {
    for (let i = -r; i <= r; i++) {
      for (let j = -r; j <= r; j++) {
        if (Math.max(Math.abs(i), Math.abs(j)) !== r) continue;
        const px = cx + i * gap;
        const pz = cz + j * gap;
        if (px < minX || px > maxX || pz < minZ || pz > maxZ) continue;
        const c = clearance(px, pz);
        if (c >= gap) return { x: px, z: pz };
        if (c > bestClear) [best, bestClear] = [{ x: px, z: pz }, c];
      }
    }
  }
  return best;
}
