/**
 * Where and how an avatar stands when it has no tracked hands: the server uses it for a newcomer's
 * first pose, the desktop client for every pose it sends. Protocol frame throughout.
 */
import type { Joint, Pose } from '../protocol/pose.js';

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

/**
 * The n-th arrival's spot around the spawn point: a sunflower spiral, so people never stand inside
 * each other and the first one stands on the spawn point itself.
 */
export function spawnSpot(n: number, x: number, z: number): { x: number; z: number } {
  if (n === 0) return { x, z };
  const r = 1.3 * Math.sqrt(n);
  const a = n * 2.39996323; // golden angle
  return { x: x + r * Math.cos(a), z: z + r * Math.sin(a) };
}
