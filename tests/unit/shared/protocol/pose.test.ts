import { describe, expect, it } from 'vitest';
import {
  createPose,
  decodePose,
  encodePose,
  POSE_BYTES,
  POSE_FORMAT,
  quaternionAngle,
  type Joint,
  type Pose,
} from '../../../../shared/protocol/pose.js';
import { mulberry32 } from '../../../../shared/random.js';

function randomJoint(r: () => number, j: Joint): void {
  j.px = (r() - 0.5) * 200;
  j.py = r() * 10;
  j.pz = (r() - 0.5) * 200;
  const q = [r() - 0.5, r() - 0.5, r() - 0.5, r() - 0.5];
  const n = Math.hypot(...q);
  [j.qx, j.qy, j.qz, j.qw] = q.map((v) => v / n) as [number, number, number, number];
}

describe('pose codec (SPEC P1)', () => {
  it(`round-trips within 1e-5 m and 0.01° over 10,000 random poses inside ±100 m`, () => {
    const r = mulberry32(42);
    const pose = createPose();
    const back = createPose();
    const buf = new Uint8Array(POSE_BYTES);
    let worstPos = 0;
    let worstAngle = 0;
    for (let i = 0; i < 10_000; i++) {
      pose.flags = i & 0b1111;
      randomJoint(r, pose.head);
      randomJoint(r, pose.left);
      randomJoint(r, pose.right);
      expect(decodePose(encodePose(pose, buf), back)).toBeNull();
      expect(back.flags).toBe(pose.flags);
      for (const k of ['head', 'left', 'right'] as const) {
        const a = pose[k];
        const b = back[k];
        worstPos = Math.max(worstPos, Math.abs(a.px - b.px), Math.abs(a.py - b.py), Math.abs(a.pz - b.pz));
        worstAngle = Math.max(worstAngle, quaternionAngle(a, b));
      }
    }
    expect(worstPos).toBeLessThanOrEqual(1e-5);
    expect((worstAngle * 180) / Math.PI).toBeLessThanOrEqual(0.01);
  });

  it('is 62 bytes starting with the format byte', () => {
    const bytes = encodePose(createPose());
    expect(bytes.byteLength).toBe(62);
    expect(bytes[0]).toBe(POSE_FORMAT);
  });

  it.each([
    ['too short', new Uint8Array(POSE_BYTES - 1), 'pose.truncated'],
    ['too long', new Uint8Array(POSE_BYTES + 1), 'pose.truncated'],
    ['empty', new Uint8Array(0), 'pose.truncated'],
    [
      'unknown format',
      (() => {
        const b = encodePose(createPose());
        b[0] = 99;
        return b;
      })(),
      'pose.format',
    ],
    [
      'unknown flag',
      (() => {
        const b = encodePose(createPose());
        b[1] = 0x80;
        return b;
      })(),
      'pose.flags',
    ],
  ])('refuses %s', (_what, bytes, code) => {
    expect(decodePose(bytes, createPose())).toBe(code);
  });

  it('decodes from a view into a larger buffer (as Node hands it over)', () => {
    const pose: Pose = createPose();
    pose.head.px = 1.25;
    const big = new Uint8Array(100);
    big.set(encodePose(pose), 30);
    const out = createPose();
    expect(decodePose(big.subarray(30, 30 + POSE_BYTES), out)).toBeNull();
    expect(out.head.px).toBe(1.25);
  });

  it('leaves NaN as NaN for the validator to refuse', () => {
    const pose = createPose();
    pose.left.py = Number.NaN;
    const out = createPose();
    expect(decodePose(encodePose(pose), out)).toBeNull();
    expect(out.left.py).toBeNaN();
  });
});
