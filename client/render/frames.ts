/**
 * The one place where Babylon's frame meets the protocol's. Babylon is left-handed (+Y up, +Z
 * forward); the protocol, WebXR and glTF are right-handed (+Y up, −Z forward). Mirroring z maps one
 * to the other: positions negate z, rotations negate the quaternion's x and y (an axis is a
 * pseudo-vector under reflection).
 */
import { Matrix, type Quaternion, type Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Joint } from '../../shared/protocol/pose.js';

/** Babylon position + rotation → protocol joint. */
export function babylonToJoint(position: Vector3, rotation: Quaternion, out: Joint): Joint {
  out.px = position.x;
  out.py = position.y;
  out.pz = -position.z;
  out.qx = -rotation.x;
  out.qy = -rotation.y;
  out.qz = rotation.z;
  out.qw = rotation.w;
  return out;
}

/** Protocol joint → Babylon position and rotation (written into the given objects). */
export function jointToBabylon(j: Joint, position: Vector3, rotation: Quaternion): void {
  position.set(j.px, j.py, -j.pz);
  rotation.set(-j.qx, -j.qy, j.qz, j.qw);
}

/** Protocol yaw (radians about +Y, 0 faces −Z) → Babylon yaw (rotation.y, 0 faces +Z). Same map both ways. */
export function flipYaw(yaw: number): number {
  return -yaw;
}

/** Babylon rotation → the protocol's quaternion `[x, y, z, w]` (parts' poses in the state). */
export function babylonToProtocolQuat(q: Quaternion): [number, number, number, number] {
  return [-q.x, -q.y, q.z, q.w];
}

/** The protocol's quaternion `[x, y, z, w]` → Babylon rotation (written into `out`). */
export function protocolToBabylonQuat(q: readonly [number, number, number, number], out: Quaternion): Quaternion {
  return out.set(-q[0], -q[1], q[2], q[3]);
}

/** A point or a direction (either frame: the function names say which). */
export interface Vec3 {
  x: number;
  y: number;
  z: number;
}

/** Babylon point or direction → the protocol frame: a new plain object, or written into `out`. */
export function babylonToProtocol(v: Readonly<Vec3>, out: Vec3 = { x: 0, y: 0, z: 0 }): Vec3 {
  out.x = v.x;
  out.y = v.y;
  out.z = -v.z;
  return out;
}

/** Protocol point or direction (x, y, z) → Babylon, written into `out`. */
export function protocolToBabylon(x: number, y: number, z: number, out: Vector3): Vector3 {
  return out.set(x, y, -z);
}

/** A protocol box (e.g. where feet may go) → Babylon: x and y as they are, the z range mirrored. */
export function protocolBoundsToBabylon<T extends { minZ: number; maxZ: number }>(b: T): T {
  return { ...b, minZ: -b.maxZ, maxZ: -b.minZ };
}

/**
 * The same mirror as a matrix, for geometry: baked into a glTF model's vertices (client/models/), it
 * turns a part's right-handed mesh into Babylon's frame (Babylon flips the winding with it).
 */
export function protocolToBabylonMatrix(): Matrix {
  return Matrix.Scaling(1, 1, -1);
}
