import { describe, expect, it } from 'vitest';
import { PoseBuffer } from '../../../client/avatars/poseBuffer.js';
import { createPose } from '../../../shared/protocol/pose.js';
import { restPose } from '../../../shared/space/spawn.js';

const at = (x: number, yaw = 0) => restPose(createPose(), x, 0, yaw);

describe('pose interpolation (SPEC E1)', () => {
  it('blends between the two snapshots around the render time', () => {
    const b = new PoseBuffer();
    b.push(1000, at(0));
    b.push(1050, at(1));
    const out = createPose();
    expect(b.sample(1025, out)).toBe(true);
    expect(out.head.px).toBeCloseTo(0.5, 6);
    b.sample(1040, out);
    expect(out.head.px).toBeCloseTo(0.8, 6);
  });

  it('turns along the shorter arc', () => {
    const b = new PoseBuffer();
    b.push(0, at(0, 3.0));
    b.push(100, at(0, -3.0)); // 0.28 rad apart through ±π, not 6 rad
    const out = createPose();
    b.sample(50, out);
    expect(Math.abs(out.head.qw)).toBeLessThan(0.05); // halfway is facing backwards (yaw π)
  });

  it('holds the newest pose when render time runs past it, and the oldest before it', () => {
    const b = new PoseBuffer();
    const out = createPose();
    expect(b.sample(0, out)).toBe(false);
    b.push(100, at(2));
    b.push(150, at(3));
    b.sample(500, out);
    expect(out.head.px).toBe(3);
    b.sample(0, out);
    expect(out.head.px).toBe(2);
  });

  it('jumps on a teleport instead of gliding', () => {
    const b = new PoseBuffer();
    b.push(0, at(0));
    b.push(50, at(10), true);
    const out = createPose();
    b.sample(25, out);
    expect(out.head.px).toBe(10);
  });
});
