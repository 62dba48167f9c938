/** The pose frame codec (shared/protocol/poseFrame.ts): round trip within its stated error bound. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createPose, quaternionAngle, type Pose } from '../../../../shared/protocol/pose.js';
import {
  POSE_FRAME_FORMAT,
  POSE_RECORD_BYTES,
  poseFrameBounds,
  readPoseFrame,
  writePoseRecord,
} from '../../../../shared/protocol/poseFrame.js';
import { hallBounds } from '../../../../shared/space/layout.js';

const factory = hallBounds({ width: 32, depth: 24, height: 9 });
const largest = hallBounds({ width: 200, depth: 200, height: 30 });

function randomPose(rand: () => number, b: ReturnType<typeof hallBounds>): Pose {
  const p = createPose();
  p.flags = Math.floor(rand() * 16);
  const head = { x: b.minX + rand() * (b.maxX - b.minX), y: b.minY + rand() * (b.maxY - b.minY), z: b.minZ + rand() * (b.maxZ - b.minZ) };
  for (const [j, dx] of [
    [p.head, 0],
    [p.left, -1],
    [p.right, 1],
  ] as const) {
    j.px = head.x + dx * rand() * 1;
    j.py = head.y - (dx === 0 ? 0 : rand());
    j.pz = head.z + (dx === 0 ? 0 : rand() - 0.5);
    const q = [rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1, rand() * 2 - 1];
    const n = Math.hypot(...q) || 1;
    [j.qx, j.qy, j.qz, j.qw] = q.map((c) => c / n) as [number, number, number, number];
  }
  return p;
}

function roundTrip(poses: Pose[], bounds: ReturnType<typeof hallBounds>): { slot: number; pose: Pose }[] {
  const q = poseFrameBounds(bounds);
  const bytes = new Uint8Array(1 + poses.length * POSE_RECORD_BYTES);
  bytes[0] = POSE_FRAME_FORMAT;
  poses.forEach((p, i) => writePoseRecord(bytes, 1 + i * POSE_RECORD_BYTES, 1000 + i, p, q));
  const out: { slot: number; pose: Pose }[] = [];
  const scratch = createPose();
  expect(readPoseFrame(bytes, q, scratch, (slot, pose) => out.push({ slot, pose: structuredClone(pose) }))).toBeNull();
  return out;
}

describe('pose frame', () => {
  it('PF1: 33 bytes per avatar; a round trip keeps slot and flags, positions within half a step, rotations within 0.25°', () => {
    expect(POSE_RECORD_BYTES).toBe(33);
    fc.assert(
      fc.property(fc.integer(), fc.constantFrom(factory, largest), (seed, bounds) => {
        let s = seed >>> 0;
        const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 4294967296;
        const poses = Array.from({ length: 5 }, () => randomPose(rand, bounds));
        const back = roundTrip(poses, bounds);
        const q = poseFrameBounds(bounds);
        const step = Math.max(q.maxX - q.minX, q.maxY - q.minY, q.maxZ - q.minZ) / 65535;
        back.forEach(({ slot, pose }, i) => {
          const sent = poses[i]!;
          expect(slot).toBe(1000 + i);
          expect(pose.flags).toBe(sent.flags);
          for (const k of ['head', 'left', 'right'] as const) {
            expect(Math.abs(pose[k].px - sent[k].px)).toBeLessThanOrEqual(step / 2 + 1e-9);
            expect(Math.abs(pose[k].py - sent[k].py)).toBeLessThanOrEqual(step / 2 + 1e-9);
            expect(Math.abs(pose[k].pz - sent[k].pz)).toBeLessThanOrEqual(step / 2 + 1e-9);
            expect(quaternionAngle(pose[k], sent[k])).toBeLessThanOrEqual((0.25 * Math.PI) / 180);
          }
        });
      }),
      { numRuns: 60 },
    );
    // The stated bounds for the two halls: 0.27 mm (factory), 1.6 mm (200 m).
    const f = poseFrameBounds(factory);
    expect((f.maxX - f.minX) / 65535 / 2).toBeLessThan(0.00028);
    const l = poseFrameBounds(largest);
    expect((l.maxX - l.minX) / 65535 / 2).toBeLessThan(0.0016);
  });

  it('PF1: a frame of the wrong format or a cut record is refused whole, reporting nothing', () => {
    const q = poseFrameBounds(factory);
    const bytes = new Uint8Array(1 + 2 * POSE_RECORD_BYTES);
    bytes[0] = POSE_FRAME_FORMAT;
    writePoseRecord(bytes, 1, 1, createPose(), q);
    writePoseRecord(bytes, 1 + POSE_RECORD_BYTES, 2, createPose(), q);
    const seen: number[] = [];
    expect(readPoseFrame(bytes.subarray(0, bytes.length - 1), q, createPose(), (s) => seen.push(s))).toBe('frame.length');
    bytes[0] = 9;
    expect(readPoseFrame(bytes, q, createPose(), (s) => seen.push(s))).toBe('frame.format');
    expect(readPoseFrame(new Uint8Array(0), q, createPose(), (s) => seen.push(s))).toBe('frame.format');
    expect(seen).toEqual([]);
  });
});
