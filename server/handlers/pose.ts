/**
 * `pose` (binary): decode, judge against the pose rules, write to the sender's avatar. A refused pose
 * changes nothing: the avatar stays where it was (SPEC P1–P8). Its rate (P2) is held at the edge.
 */
import { createPose, copyPose, decodePose, quantizeUnit, PoseFlag, type Joint, type Pose } from '../../shared/protocol/pose.js';
import { validatePose } from '../../shared/protocol/poseRules.js';
import type { AvatarState, JointState } from '../../shared/state/avatar.js';
import type { BinaryRoute } from '../rooms/context.js';

const scratch = createPose();

function writeJoint(to: JointState, from: Joint): void {
  to.px = from.px;
  to.py = from.py;
  to.pz = from.pz;
  to.qx = quantizeUnit(from.qx);
  to.qy = quantizeUnit(from.qy);
  to.qz = quantizeUnit(from.qz);
  to.qw = quantizeUnit(from.qw);
}

/** Writes an accepted pose into an avatar's state (quantising rotations as the state stores them). */
export function writePose(avatar: AvatarState, pose: Pose): void {
  writeJoint(avatar.head, pose.head);
  writeJoint(avatar.left, pose.left);
  writeJoint(avatar.right, pose.right);
  avatar.flags = pose.flags & ~PoseFlag.TELEPORT;
}

export const poseRoute: BinaryRoute = {
  handle(ctx, p, bytes) {
    const now = ctx.now();
    const decodeError = decodePose(bytes, scratch);
    if (decodeError) return ctx.refuse(p, decodeError, 'pose', `${bytes.byteLength} bytes`);
    const refusal = validatePose(scratch, ctx.bounds, p.lastPose, now);
    if (refusal) return ctx.refuse(p, refusal, 'pose');

    writePose(p.avatar, scratch);

    if (p.lastPose === null) p.lastPose = { pose: copyPose(scratch, createPose()), at: now, lastTeleportAt: -Infinity };
    else copyPose(scratch, p.lastPose.pose);
    p.lastPose.at = now;
    if (scratch.flags & PoseFlag.TELEPORT) p.lastPose.lastTeleportAt = now;
  },
};
