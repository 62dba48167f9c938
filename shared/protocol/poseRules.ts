/**
 * What makes a pose plausible. The server applies these to every pose before it writes it to the
 * state (SPEC.md P3–P7); clients may apply them too, to avoid sending a pose the server would drop.
 */
import type { Bounds } from './bounds.js';
import { insideBounds } from './bounds.js';
import { PoseFlag, POSE_MAX_HZ, type Joint, type Pose } from './pose.js';

/** Fastest a head may move between two poses without a teleport, metres per second (a run). */
export const MAX_WALK_SPEED = 6;
/** Extra distance allowed on top of speed × time, metres: absorbs jitter and a stalled frame. */
export const JUMP_SLACK = 0.75;
/** Longest gap, seconds, that counts towards the walking allowance. */
export const MAX_WALK_GAP = 1;
/** Farthest a hand may be from the head, metres (a long arm plus tracking noise). */
export const HAND_REACH = 1.5;
/** Shortest time between two teleports, seconds. */
export const MIN_TELEPORT_INTERVAL = 0.2;

export type PoseRefusal =
  'pose.not_finite' | 'pose.rotation' | 'pose.out_of_bounds' | 'pose.hand_reach' | 'pose.jump' | 'pose.teleport_rate';

/** The last pose the server accepted from this sender, and when (seconds, any monotonic clock). */
export interface AcceptedPose {
  pose: Pose;
  at: number;
  lastTeleportAt: number;
}

function finiteJoint(j: Joint): boolean {
  return (
    Number.isFinite(j.px) &&
    Number.isFinite(j.py) &&
    Number.isFinite(j.pz) &&
    Number.isFinite(j.qx) &&
    Number.isFinite(j.qy) &&
    Number.isFinite(j.qz) &&
    Number.isFinite(j.qw)
  );
}

function unitQuaternion(j: Joint): boolean {
  const n = j.qx * j.qx + j.qy * j.qy + j.qz * j.qz + j.qw * j.qw;
  return n > 0.98 && n < 1.02;
}

function reach(hand: Joint, head: Joint): number {
  return Math.hypot(hand.px - head.px, hand.py - head.py, hand.pz - head.pz);
}

/**
 * Judges `pose` arriving at time `now` (seconds) given the previously accepted one (null for the
 * first pose of a session, which is only checked against the bounds). Returns null when acceptable.
 *
 * `sentSince` is how many poses the sender sent since `prev`, this one included (SPEC P11): each
 * stands for at least 1/{@link POSE_MAX_HZ} s of the sender's own time, so a backlog that a stall
 * delivers at once is judged on the sender's timeline, not on the moment it arrived. The timeline is
 * bounded: the edge's rate limit lets through at most one second of poses beyond real time.
 */
export function validatePose(pose: Pose, bounds: Bounds, prev: AcceptedPose | null, now: number, sentSince = 1): PoseRefusal | null {
  if (!finiteJoint(pose.head) || !finiteJoint(pose.left) || !finiteJoint(pose.right)) return 'pose.not_finite';
  if (!unitQuaternion(pose.head) || !unitQuaternion(pose.left) || !unitQuaternion(pose.right)) return 'pose.rotation';
  const h = pose.head;
  if (!insideBounds(bounds, h.px, h.py, h.pz)) return 'pose.out_of_bounds';
  if (reach(pose.left, h) > HAND_REACH || reach(pose.right, h) > HAND_REACH) return 'pose.hand_reach';
  if (prev === null) return null;
  const teleport = (pose.flags & PoseFlag.TELEPORT) !== 0;
  if (teleport) {
    return now - prev.lastTeleportAt < MIN_TELEPORT_INTERVAL ? 'pose.teleport_rate' : null;
  }
  const p = prev.pose.head;
  // Only the floor-plane move counts: crouching and standing up are always allowed.
  const moved = Math.hypot(h.px - p.px, h.pz - p.pz);
  const gap = Math.min(Math.max(now - prev.at, sentSince / POSE_MAX_HZ, 0), MAX_WALK_GAP);
  return moved > MAX_WALK_SPEED * gap + JUMP_SLACK ? 'pose.jump' : null;
}
