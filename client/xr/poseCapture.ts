/**
 * My pose while in XR, sampled from the XR frame: the head from the XR camera, each hand from its
 * controller's grip (or pointer) or the tracked hand's wrist. Babylon has already turned the XR poses
 * into its left-handed world (teleports included); `render/frames.ts` turns that into the protocol
 * frame — the one conversion. Untracked hands hang at rest.
 */
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { WebXRCamera } from '@babylonjs/core/XR/webXRCamera.js';
import type { WebXRInput } from '@babylonjs/core/XR/webXRInput.js';
import type { WebXRInputSource } from '@babylonjs/core/XR/webXRInputSource.js';
import { PoseFlag, type Joint } from '../../shared/protocol/pose.js';
import { restHand, yawOf } from '../../shared/space/spawn.js';
import type { LocalPose } from '../player/localPose.js';
import { babylonToJoint } from '../render/frames.js';

const position = new Vector3();
const rotation = new Quaternion();

/**
 * A tracked hand farther than this from the head (metres) is a tracking glitch: it is drawn at rest
 * instead, so one bad sample never makes the server refuse the whole pose (SPEC P4 allows 1.5 m).
 */
export const MAX_HAND_REACH = 1.3;

function within(hand: Joint, head: Joint): boolean {
  return Math.hypot(hand.px - head.px, hand.py - head.py, hand.pz - head.pz) <= MAX_HAND_REACH;
}

function sampleSource(source: WebXRInputSource, out: Joint): void {
  const node = source.grip ?? source.pointer;
  node.computeWorldMatrix(true);
  node.getWorldMatrix().decompose(undefined, rotation, position);
  babylonToJoint(position, rotation, out);
}

/** Writes the current XR head and hands into `local` (protocol frame). */
export function captureXrPose(camera: WebXRCamera, input: WebXRInput, local: LocalPose): void {
  const pose = local.pose;
  const camRotation = camera.rotationQuaternion ?? Quaternion.FromEulerVector(camera.rotation);
  // The XR camera has no parent: its position is its world position, and (unlike globalPosition,
  // refreshed only when the view matrix is) it already holds a teleport made earlier this frame.
  babylonToJoint(camera.position, camRotation, pose.head);
  let flags = 0;
  let left: WebXRInputSource | undefined;
  let right: WebXRInputSource | undefined;
  for (const c of input.controllers) {
    if (c.inputSource.handedness === 'left') left = c;
    else if (c.inputSource.handedness === 'right') right = c;
  }
  const yaw = yawOf(pose.head);
  if (left) sampleSource(left, pose.left);
  if (left && within(pose.left, pose.head)) {
    flags |= PoseFlag.LEFT_TRACKED;
    if (left.inputSource.hand) flags |= PoseFlag.HAND_TRACKING;
  } else restHand(pose.left, -1, pose.head.px, pose.head.py, pose.head.pz, yaw);
  if (right) sampleSource(right, pose.right);
  if (right && within(pose.right, pose.head)) {
    flags |= PoseFlag.RIGHT_TRACKED;
    if (right.inputSource.hand) flags |= PoseFlag.HAND_TRACKING;
  } else restHand(pose.right, 1, pose.head.px, pose.head.py, pose.head.pz, yaw);
  pose.flags = flags;
}
