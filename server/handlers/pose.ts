/**
 * `pose` (binary): decode, judge against the pose rules, keep as the sender's pose. A refused pose
 * changes nothing: the avatar stays where it was (SPEC P1–P8). Its rate (P2) is held at the edge.
 * Accepted poses reach the others in pose frames (server/features/poseDelivery.ts, SPEC PF1–PF4),
 * not through the Schema state: only the flags (tracked hands) are written there.
 */
import { createPose, copyPose, decodePose, PoseFlag, type Pose } from '../../shared/protocol/pose.js';
import { validatePose } from '../../shared/protocol/poseRules.js';
import type { BinaryRoute } from '../core/context.js';
import type { Participant } from '../core/participant.js';

const scratch = createPose();

/** Every accepted pose gets the next number: a pose frame sends an avatar only when its number grew. */
let version = 0;

/** Makes `pose` the participant's pose, as accepted at `now` (seconds): the jump rule's reference and what frames send. */
export function acceptPose(p: Participant, pose: Pose, now: number): void {
  const flags = pose.flags & ~PoseFlag.TELEPORT;
  if (p.avatar.flags !== flags) p.avatar.flags = flags;
  if (p.lastPose === null) p.lastPose = { pose: copyPose(pose, createPose()), at: now, lastTeleportAt: -Infinity };
  else copyPose(pose, p.lastPose.pose);
  p.lastPose.at = now;
  if (pose.flags & PoseFlag.TELEPORT) p.lastPose.lastTeleportAt = now;
  p.poseVersion = ++version;
  p.posesSinceAccepted = 0;
}

export const poseRoute: BinaryRoute = {
  handle(ctx, p, bytes) {
    const now = ctx.now();
    // Counted once past the edge's rate limit: the sender's timeline can run at most a burst ahead (P11).
    p.posesSinceAccepted++;
    const decodeError = decodePose(bytes, scratch);
    if (decodeError) return ctx.refuse(p, decodeError, 'pose', `${bytes.byteLength} bytes`);
    const refusal = validatePose(scratch, ctx.bounds, p.lastPose, now, p.posesSinceAccepted);
    if (refusal) return ctx.refuse(p, refusal, 'pose');
    acceptPose(p, scratch, now);
  },
};
