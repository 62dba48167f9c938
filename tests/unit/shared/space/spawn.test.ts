/**
 * Rotations and yaw in the protocol frame (SPEC F1, F2), checked with plain quaternion algebra: no
 * engine, so the rule is tested as the SPEC states it, independent of Babylon's handedness.
 */
import { describe, expect, it } from 'vitest';
import { createPose, type Joint } from '../../../../shared/protocol/pose.js';
import { restPose, setYaw, yawOf } from '../../../../shared/space/spawn.js';

/** v rotated by the unit quaternion of `j` (q v q*). */
function rotate(j: Joint, v: [number, number, number]): [number, number, number] {
  const { qx: x, qy: y, qz: z, qw: w } = j;
  const [vx, vy, vz] = v;
  // t = 2 (q.xyz × v); v' = v + w t + q.xyz × t
  const tx = 2 * (y * vz - z * vy);
  const ty = 2 * (z * vx - x * vz);
  const tz = 2 * (x * vy - y * vx);
  return [vx + w * tx + (y * tz - z * ty), vy + w * ty + (z * tx - x * tz), vz + w * tz + (x * ty - y * tx)];
}

const FORWARD: [number, number, number] = [0, 0, -1];
const joint = (yaw: number): Joint => {
  const j = createPose().head;
  setYaw(j, yaw);
  return j;
};

describe('frames and yaw', () => {
  it('F2: yaw 0 faces −Z', () => {
    const [x, y, z] = rotate(joint(0), FORWARD);
    expect([x, y, z].map((c) => c + 0)).toEqual([0, 0, -1]);
  });

  it('F1 F2: positive yaw turns left, counter-clockwise seen from above (+Y up, right-handed: left of −Z is −X)', () => {
    const [x, y, z] = rotate(joint(Math.PI / 2), FORWARD);
    expect(x).toBeCloseTo(-1, 12);
    expect(y).toBeCloseTo(0, 12);
    expect(z).toBeCloseTo(0, 12);
    // A small positive turn moves the heading towards −X: counter-clockwise as seen from +Y.
    expect(rotate(joint(0.1), FORWARD)[0]).toBeLessThan(0);
  });

  it.each([-3, -Math.PI / 2, -0.4, 0, 0.4, 1, Math.PI / 2, 3])('F2: yaw %d rad is a unit quaternion (x, y, z, w) and reads back', (yaw) => {
    const j = joint(yaw);
    expect(Math.hypot(j.qx, j.qy, j.qz, j.qw)).toBeCloseTo(1, 12);
    expect(yawOf(j)).toBeCloseTo(yaw, 12);
  });

  it('F2: a rest pose faces its yaw with head and both hands; the hands stand beside and ahead of the head', () => {
    const p = restPose(createPose(), 2, 3, Math.PI / 2);
    for (const j of [p.head, p.left, p.right]) expect(yawOf(j)).toBeCloseTo(Math.PI / 2, 12);
    // Facing −X: the left hand is towards +Z (south), the right hand towards −Z, both a little towards −X.
    expect(p.left.pz).toBeGreaterThan(p.head.pz);
    expect(p.right.pz).toBeLessThan(p.head.pz);
    expect(p.left.px).toBeLessThan(p.head.px);
  });
});
