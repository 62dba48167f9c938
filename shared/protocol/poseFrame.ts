/**
 * The pose frame: server → client, binary, one per client per patch tick, outside the Schema patch
 * (SPEC PF1–PF4). It carries the poses of the avatars that moved since this client last heard of
 * them and are due at their distance tier (interest.ts); names, colours and every other avatar field
 * stay in the Schema state, where `AvatarState.slot` names the avatar a record is about.
 *
 * Layout (little-endian): `u8 format (=1)`, then {@link POSE_RECORD_BYTES}-byte records to the end:
 * ```
 * u16 slot     AvatarState.slot of the avatar
 * u8  flags    PoseFlag bits (TELEPORT: the avatar jumped, do not glide)
 * 3 × joint, head, left hand, right hand:
 *     u16 px, u16 py, u16 pz   position quantised over poseFrameBounds (the hall, grown by a reach)
 *     u32 rotation             smallest three: bits 31–30 index of the largest component (made
 *                              positive), then the other three in order, 10 bits each, over ±1/√2
 * ```
 * Error bound of a round trip: position ≤ half a step of (extent / 65535) per axis — 0.27 mm in the
 * 32 × 24 m factory hall, 1.6 mm in the largest 200 m hall; rotation ≤ 0.25° per joint.
 * Frame: the protocol frame (right-handed, +Y up, metres), as the client → server pose.
 */
import type { Bounds } from './bounds.js';
import { HAND_REACH } from './poseRules.js';
import type { Joint, Pose } from './pose.js';

export const POSE_FRAME_FORMAT = 1;
/** The Colyseus message type the frame is sent under (`client.sendBytes`). */
export const POSE_FRAME_MESSAGE = 'poses';
export const POSE_RECORD_BYTES = 33;
const JOINT_BYTES = 10;
const STEPS = 65535;
const ROT_MAX = Math.SQRT1_2;
const ROT_STEPS = 1023;

/** The box positions are quantised over: the hall's head bounds grown by a hand's reach on every side. */
export function poseFrameBounds(hall: Bounds): Bounds {
  const r = HAND_REACH + 0.5;
  return { minX: hall.minX - r, minY: hall.minY - r, minZ: hall.minZ - r, maxX: hall.maxX + r, maxY: hall.maxY + r, maxZ: hall.maxZ + r };
}

function quantize(v: number, min: number, max: number): number {
  const q = Math.round(((v - min) / (max - min)) * STEPS);
  return q < 0 ? 0 : q > STEPS ? STEPS : q;
}

function dequantize(q: number, min: number, max: number): number {
  return min + (q / STEPS) * (max - min);
}

function rotBits(c: number): number {
  const q = Math.round(((c + ROT_MAX) / (2 * ROT_MAX)) * ROT_STEPS);
  return q < 0 ? 0 : q > ROT_STEPS ? ROT_STEPS : q;
}

const comps = [0, 0, 0, 0];

/** Smallest-three encoding of a unit quaternion into 32 bits. */
export function packRotation(j: Joint): number {
  comps[0] = j.qx;
  comps[1] = j.qy;
  comps[2] = j.qz;
  comps[3] = j.qw;
  let largest = 0;
  for (let i = 1; i < 4; i++) if (Math.abs(comps[i]!) > Math.abs(comps[largest]!)) largest = i;
  const sign = comps[largest]! < 0 ? -1 : 1;
  let bits = largest << 30;
  let shift = 20;
  for (let i = 0; i < 4; i++) {
    if (i === largest) continue;
    bits |= rotBits(sign * comps[i]!) << shift;
    shift -= 10;
  }
  return bits >>> 0;
}

/** The inverse of {@link packRotation}; writes a unit quaternion into `out`. */
export function unpackRotation(bits: number, out: Joint): void {
  const largest = bits >>> 30;
  let shift = 20;
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    if (i === largest) continue;
    const c = (((bits >>> shift) & ROT_STEPS) / ROT_STEPS) * 2 * ROT_MAX - ROT_MAX;
    comps[i] = c;
    sum += c * c;
    shift -= 10;
  }
  comps[largest] = Math.sqrt(Math.max(0, 1 - sum));
  const n = Math.hypot(comps[0]!, comps[1]!, comps[2]!, comps[3]!) || 1;
  out.qx = comps[0]! / n;
  out.qy = comps[1]! / n;
  out.qz = comps[2]! / n;
  out.qw = comps[3]! / n;
}

function writeJoint(view: DataView, o: number, j: Joint, b: Bounds): void {
  view.setUint16(o, quantize(j.px, b.minX, b.maxX), true);
  view.setUint16(o + 2, quantize(j.py, b.minY, b.maxY), true);
  view.setUint16(o + 4, quantize(j.pz, b.minZ, b.maxZ), true);
  view.setUint32(o + 6, packRotation(j), true);
}

function readJoint(view: DataView, o: number, out: Joint, b: Bounds): void {
  out.px = dequantize(view.getUint16(o, true), b.minX, b.maxX);
  out.py = dequantize(view.getUint16(o + 2, true), b.minY, b.maxY);
  out.pz = dequantize(view.getUint16(o + 4, true), b.minZ, b.maxZ);
  unpackRotation(view.getUint32(o + 6, true), out);
}

/** Writes one avatar's record at `offset` of `out` (which must have room); returns the offset after it. */
export function writePoseRecord(out: Uint8Array, offset: number, slot: number, pose: Pose, bounds: Bounds): number {
  const view = new DataView(out.buffer, out.byteOffset + offset, POSE_RECORD_BYTES);
  view.setUint16(0, slot, true);
  view.setUint8(2, pose.flags & 0xff);
  writeJoint(view, 3, pose.head, bounds);
  writeJoint(view, 3 + JOINT_BYTES, pose.left, bounds);
  writeJoint(view, 3 + 2 * JOINT_BYTES, pose.right, bounds);
  return offset + POSE_RECORD_BYTES;
}

/** Why bytes are not a pose frame. */
export type PoseFrameError = 'frame.format' | 'frame.length';

/**
 * Reads a frame, calling `record(slot, pose)` for each avatar in it (`pose` is reused: copy what you
 * keep). Returns null, or why the frame was not read (then no record was reported).
 */
export function readPoseFrame(
  bytes: Uint8Array,
  bounds: Bounds,
  pose: Pose,
  record: (slot: number, pose: Pose) => void,
): PoseFrameError | null {
  if (bytes.byteLength < 1 || bytes[0] !== POSE_FRAME_FORMAT) return 'frame.format';
  if ((bytes.byteLength - 1) % POSE_RECORD_BYTES !== 0) return 'frame.length';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let o = 1; o < bytes.byteLength; o += POSE_RECORD_BYTES) {
    pose.flags = view.getUint8(o + 2);
    readJoint(view, o + 3, pose.head, bounds);
    readJoint(view, o + 3 + JOINT_BYTES, pose.left, bounds);
    readJoint(view, o + 3 + 2 * JOINT_BYTES, pose.right, bounds);
    record(view.getUint16(o, true), pose);
  }
  return null;
}
