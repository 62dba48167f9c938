import { describe, expect, it } from 'vitest';
import { createPose, copyPose, PoseFlag, type Pose } from '../../../shared/protocol/pose.js';
import { validatePose, type AcceptedPose } from '../../../shared/protocol/poseRules.js';
import { hallBounds } from '../../../shared/space/layout.js';
import { restPose } from '../../../shared/space/spawn.js';

const bounds = hallBounds({ width: 20, depth: 20, height: 6 });
const start = restPose(createPose(), 0, 0, 0);
const prev: AcceptedPose = { pose: start, at: 10, lastTeleportAt: -Infinity };

/** Moves the whole body (head and hands) by dx along x. */
function walk(p: Pose, dx: number): void {
  p.head.px += dx;
  p.left.px += dx;
  p.right.px += dx;
}

function variant(change: (p: Pose) => void): Pose {
  const p = copyPose(start, createPose());
  change(p);
  return p;
}

describe('pose rules (SPEC P3–P7)', () => {
  it.each<[string, Pose, number, string | null]>([
    ['a standing pose', start, 10.1, null],
    ['a small step', variant((p) => (p.head.px += 0.3)), 10.05, null],
    ['crouching to the floor', variant((p) => (p.head.py = 0.4)), 10.05, null],
    ['NaN in a hand', variant((p) => (p.left.qx = Number.NaN)), 10.1, 'pose.not_finite'],
    ['Infinity in the head', variant((p) => (p.head.pz = Number.POSITIVE_INFINITY)), 10.1, 'pose.not_finite'],
    ['a zero quaternion', variant((p) => Object.assign(p.right, { qx: 0, qy: 0, qz: 0, qw: 0 })), 10.1, 'pose.rotation'],
    ['head through the wall', variant((p) => (p.head.px = 9.9)), 10.5, 'pose.out_of_bounds'],
    ['head through the roof', variant((p) => (p.head.py = 7)), 10.5, 'pose.out_of_bounds'],
    ['hand 2 m from the head', variant((p) => (p.right.px = 2)), 10.1, 'pose.hand_reach'],
    ['3 m in 50 ms without teleport', variant((p) => walk(p, 3)), 10.05, 'pose.jump'],
    ['3 m in 1 s (a run)', variant((p) => walk(p, 3)), 11, null],
    ['8 m after a long pause (gap is capped)', variant((p) => walk(p, 8)), 30, 'pose.jump'],
    ['8 m as a teleport', variant((p) => (walk(p, 8), (p.flags = PoseFlag.TELEPORT))), 10.05, null],
  ])('%s', (_what, pose, now, expected) => {
    expect(validatePose(pose, bounds, prev, now)).toBe(expected);
  });

  it('refuses teleports closer than 0.2 s apart', () => {
    const tp = variant((p) => (walk(p, 5), (p.flags = PoseFlag.TELEPORT)));
    expect(validatePose(tp, bounds, { ...prev, lastTeleportAt: 9.9 }, 10)).toBe('pose.teleport_rate');
    expect(validatePose(tp, bounds, { ...prev, lastTeleportAt: 9.7 }, 10)).toBeNull();
  });

  it('checks only the bounds for the first pose of a session', () => {
    expect(
      validatePose(
        variant((p) => walk(p, 8)),
        bounds,
        null,
        0,
      ),
    ).toBeNull();
  });
});
