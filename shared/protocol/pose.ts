/**
 * The compact binary pose: the hot path, sent client → server up to {@link POSE_MAX_HZ} times a
 * second with `room.sendBytes(MessageType.Pose, bytes)`.
 *
 * Frame: the **protocol frame** — right-handed, +Y up, −Z forward, metres, origin on the floor at the
 * centre of the space (the same convention as WebXR and glTF). Babylon is left-handed; the client
 * converts at one place (`client/render/frames.ts`).
 *
 * Layout (little-endian, {@link POSE_BYTES} bytes):
 * ```
 * 0      u8    format (POSE_FORMAT)
 * 1      u8    flags (PoseFlag bits)
 * 2..61  3 × joint, in order head, left hand, right hand:
 *          f32 px, f32 py, f32 pz      position, metres
 *          i16 qx, i16 qy, i16 qz, i16 qw   rotation quaternion, component × 32767
 * ```
 * Error bound of a round trip: position ≤ 1e-5 m inside ±100 m (float32); rotation ≤ 0.01°
 * (each quaternion component within 0.5/32767 before renormalisation).
 */

export const POSE_FORMAT = 1;
export const POSE_JOINT_BYTES = 20;
export const POSE_BYTES = 2 + 3 * POSE_JOINT_BYTES;

/** Most poses a client sends per second; the server refuses a faster stream. */
export const POSE_MAX_HZ = 30;
/** A client sends a new pose only when a joint moved at least this far (metres) … */
export const POSE_SEND_MIN_MOVE = 0.005;
/** … or turned at least this much (radians, ≈ 0.5°), or a flag changed. */
export const POSE_SEND_MIN_TURN = 0.0087;

/** Bits of the pose's flags byte. */
export const PoseFlag = {
  /** This pose follows a teleport: the head may jump anywhere inside the space. */
  TELEPORT: 1 << 0,
  /** The left hand is tracked (controller or hand); otherwise it hangs at rest. */
  LEFT_TRACKED: 1 << 1,
  /** The right hand is tracked. */
  RIGHT_TRACKED: 1 << 2,
  /** The hands come from hand tracking rather than controllers. */
  HAND_TRACKING: 1 << 3,
} as const;
const KNOWN_FLAGS = 0b1111;

/** One tracked point: position (metres) and unit quaternion, in the protocol frame. */
export interface Joint {
  px: number;
  py: number;
  pz: number;
  qx: number;
  qy: number;
  qz: number;
  qw: number;
}

/** Head and both hands of one avatar, in the protocol frame. */
export interface Pose {
  flags: number;
  head: Joint;
  left: Joint;
  right: Joint;
}

export function createJoint(): Joint {
  return { px: 0, py: 0, pz: 0, qx: 0, qy: 0, qz: 0, qw: 1 };
}

export function createPose(): Pose {
  return { flags: 0, head: createJoint(), left: createJoint(), right: createJoint() };
}

export function copyJoint(from: Joint, to: Joint): Joint {
  to.px = from.px;
  to.py = from.py;
  to.pz = from.pz;
  to.qx = from.qx;
  to.qy = from.qy;
  to.qz = from.qz;
  to.qw = from.qw;
  return to;
}

export function copyPose(from: Pose, to: Pose): Pose {
  to.flags = from.flags;
  copyJoint(from.head, to.head);
  copyJoint(from.left, to.left);
  copyJoint(from.right, to.right);
  return to;
}

/** Quaternion component (−1…1) → int16, as stored on the wire and in the room state. */
export function quantizeUnit(value: number): number {
  const clamped = value > 1 ? 1 : value < -1 ? -1 : value;
  return Math.round(clamped * 32767);
}

/** int16 → quaternion component. */
export function dequantizeUnit(value: number): number {
  return value / 32767;
}

/** Why a byte buffer is not a pose. */
export type PoseDecodeError = 'pose.truncated' | 'pose.format' | 'pose.flags';

function writeJoint(view: DataView, offset: number, joint: Joint): void {
  view.setFloat32(offset, joint.px, true);
  view.setFloat32(offset + 4, joint.py, true);
  view.setFloat32(offset + 8, joint.pz, true);
  view.setInt16(offset + 12, quantizeUnit(joint.qx), true);
  view.setInt16(offset + 14, quantizeUnit(joint.qy), true);
  view.setInt16(offset + 16, quantizeUnit(joint.qz), true);
  view.setInt16(offset + 18, quantizeUnit(joint.qw), true);
}

function readJoint(view: DataView, offset: number, out: Joint): void {
  out.px = view.getFloat32(offset, true);
  out.py = view.getFloat32(offset + 4, true);
  out.pz = view.getFloat32(offset + 8, true);
  let qx = dequantizeUnit(view.getInt16(offset + 12, true));
  let qy = dequantizeUnit(view.getInt16(offset + 14, true));
  let qz = dequantizeUnit(view.getInt16(offset + 16, true));
  let qw = dequantizeUnit(view.getInt16(offset + 18, true));
  const norm = Math.hypot(qx, qy, qz, qw);
  // A zero quaternion is left as is: the validator refuses it with its own reason.
  if (norm > 0) {
    qx /= norm;
    qy /= norm;
    qz /= norm;
    qw /= norm;
  }
  out.qx = qx;
  out.qy = qy;
  out.qz = qz;
  out.qw = qw;
}

/**
 * Writes `pose` into `out` (at least {@link POSE_BYTES} long) and returns the bytes written. Reusing
 * `out` keeps the sender allocation-free.
 */
export function encodePose(pose: Pose, out: Uint8Array = new Uint8Array(POSE_BYTES)): Uint8Array {
  const view = new DataView(out.buffer, out.byteOffset, POSE_BYTES);
  view.setUint8(0, POSE_FORMAT);
  view.setUint8(1, pose.flags & KNOWN_FLAGS);
  writeJoint(view, 2, pose.head);
  writeJoint(view, 2 + POSE_JOINT_BYTES, pose.left);
  writeJoint(view, 2 + 2 * POSE_JOINT_BYTES, pose.right);
  return out.length === POSE_BYTES ? out : out.subarray(0, POSE_BYTES);
}

/**
 * Reads a pose from `bytes` into `out`. Returns null on success or the reason it is not a pose.
 * Does not judge whether the pose is plausible: that is {@link validatePose}'s job.
 */
export function decodePose(bytes: Uint8Array, out: Pose): PoseDecodeError | null {
  if (bytes.byteLength !== POSE_BYTES) return 'pose.truncated';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint8(0) !== POSE_FORMAT) return 'pose.format';
  const flags = view.getUint8(1);
  if ((flags & ~KNOWN_FLAGS) !== 0) return 'pose.flags';
  out.flags = flags;
  readJoint(view, 2, out.head);
  readJoint(view, 2 + POSE_JOINT_BYTES, out.left);
  readJoint(view, 2 + 2 * POSE_JOINT_BYTES, out.right);
  return null;
}

/** Largest distance (metres) any joint of `a` is from the same joint of `b`. */
export function maxJointDistance(a: Pose, b: Pose): number {
  return Math.max(
    Math.hypot(a.head.px - b.head.px, a.head.py - b.head.py, a.head.pz - b.head.pz),
    Math.hypot(a.left.px - b.left.px, a.left.py - b.left.py, a.left.pz - b.left.pz),
    Math.hypot(a.right.px - b.right.px, a.right.py - b.right.py, a.right.pz - b.right.pz),
  );
}

/** Angle (radians) between two unit quaternions. */
export function quaternionAngle(a: Joint, b: Joint): number {
  const dot = Math.abs(a.qx * b.qx + a.qy * b.qy + a.qz * b.qz + a.qw * b.qw);
  return 2 * Math.acos(dot > 1 ? 1 : dot);
}

/** Largest rotation (radians) any joint of `a` made relative to `b`. */
export function maxJointTurn(a: Pose, b: Pose): number {
  return Math.max(quaternionAngle(a.head, b.head), quaternionAngle(a.left, b.left), quaternionAngle(a.right, b.right));
}
