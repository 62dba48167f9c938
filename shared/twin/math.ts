/**
 * Small rotation helpers both sides use for twin placements and parts, so they agree to the bit.
 * Protocol frame (right-handed, +Y up); quaternions (x, y, z, w).
 */

export interface Quat {
  x: number;
  y: number;
  z: number;
  w: number;
}

/** Quaternion of a rotation by degrees about x, then y, then z (extrinsic XYZ, i.e. q = qz·qy·qx). */
export function eulerDegToQuat(xDeg: number, yDeg: number, zDeg: number): Quat {
  const r = Math.PI / 360; // half angle in radians per degree
  const cx = Math.cos(xDeg * r);
  const sx = Math.sin(xDeg * r);
  const cy = Math.cos(yDeg * r);
  const sy = Math.sin(yDeg * r);
  const cz = Math.cos(zDeg * r);
  const sz = Math.sin(zDeg * r);
  return {
    x: sx * cy * cz - cx * sy * sz,
    y: cx * sy * cz + sx * cy * sz,
    z: cx * cy * sz - sx * sy * cz,
    w: cx * cy * cz + sx * sy * sz,
  };
}

/** a·b (apply b, then a). */
export function multiplyQuat(a: Quat, b: Quat): Quat {
  return {
    x: a.w * b.x + a.x * b.w + a.y * b.z - a.z * b.y,
    y: a.w * b.y - a.x * b.z + a.y * b.w + a.z * b.x,
    z: a.w * b.z + a.x * b.y - a.y * b.x + a.z * b.w,
    w: a.w * b.w - a.x * b.x - a.y * b.y - a.z * b.z,
  };
}

/** Rotates vector v by unit quaternion q. */
export function rotateVec(q: Quat, v: [number, number, number]): [number, number, number] {
  const [vx, vy, vz] = v;
  // t = 2 q.xyz × v; v' = v + w t + q.xyz × t
  const tx = 2 * (q.y * vz - q.z * vy);
  const ty = 2 * (q.z * vx - q.x * vz);
  const tz = 2 * (q.x * vy - q.y * vx);
  return [vx + q.w * tx + (q.y * tz - q.z * ty), vy + q.w * ty + (q.z * tx - q.x * tz), vz + q.w * tz + (q.x * ty - q.y * tx)];
}
