import { describe, expect, it } from 'vitest';
import { createPose, copyPose, PoseFlag, type Pose } from '../../../../shared/protocol/pose.js';
import { validatePose, type AcceptedPose } from '../../../../shared/protocol/poseRules.js';
import { hallBounds } from '../../../../shared/space/layout.js';
import { restPose } from '../../../../shared/space/spawn.js';

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

describe('pose rules (SPEC P3, P4, P5, P6, P7, P9)', () => {
  it.each<[string, string, Pose, number, string | null]>([
    ['P3', 'a standing pose', start, 10.1, null],
    ['P6', 'a small step', variant((p) => (p.head.px += 0.3)), 10.05, null],
    ['P6', 'crouching to the floor', variant((p) => (p.head.py = 0.4)), 10.05, null],
    ['P3', 'NaN in a hand', variant((p) => (p.left.qx = Number.NaN)), 10.1, 'pose.not_finite'],
    ['P3', 'Infinity in the head', variant((p) => (p.head.pz = Number.POSITIVE_INFINITY)), 10.1, 'pose.not_finite'],
    ['P3', 'a zero quaternion', variant((p) => Object.assign(p.right, { qx: 0, qy: 0, qz: 0, qw: 0 })), 10.1, 'pose.rotation'],
    ['P5', 'head through the wall', variant((p) => (p.head.px = 9.9)), 10.5, 'pose.out_of_bounds'],
    ['P5', 'head through the roof', variant((p) => (p.head.py = 7)), 10.5, 'pose.out_of_bounds'],
    ['P4', 'hand 2 m from the head', variant((p) => (p.right.px = 2)), 10.1, 'pose.hand_reach'],
    ['P6', '3 m in 50 ms without teleport', variant((p) => walk(p, 3)), 10.05, 'pose.jump'],
    ['P6', '3 m in 1 s (a run)', variant((p) => walk(p, 3)), 11, null],
    ['P6', '8 m after a long pause (gap is capped)', variant((p) => walk(p, 8)), 30, 'pose.jump'],
    ['P7', '8 m as a teleport', variant((p) => (walk(p, 8), (p.flags = PoseFlag.TELEPORT))), 10.05, null],
  ])('%s: %s', (_rule, _what, pose, now, expected) => {
    expect(validatePose(pose, bounds, prev, now)).toBe(expected);
  });

  it('P7: refuses teleports closer than 0.2 s apart', () => {
    const tp = variant((p) => (walk(p, 5), (p.flags = PoseFlag.TELEPORT)));
    expect(validatePose(tp, bounds, { ...prev, lastTeleportAt: 9.9 }, 10)).toBe('pose.teleport_rate');
    expect(validatePose(tp, bounds, { ...prev, lastTeleportAt: 9.7 }, 10)).toBeNull();
  });

  it('P9: checks only the bounds for the first pose of a session', () => {
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

describe('poses judged on the sender’s timeline (SPEC P11)', () => {
  it('P11: a one-second backlog of honest walking delivered at one instant is accepted pose by pose', () => {
    // 30 poses at 30 Hz walking 1.4 m/s; the server receives them all at t = 11 after a 1 s stall.
    let last: AcceptedPose = { pose: copyPose(start, createPose()), at: 10, lastTeleportAt: -Infinity };
    const now = 11;
    for (let i = 1; i <= 30; i++) {
      const p = copyPose(last.pose, createPose());
      walk(p, 1.4 / 30);
      // After the first, each arrives within the same millisecond as the one before it.
      expect(validatePose(p, bounds, last, now, 1)).toBeNull();
      last = { pose: p, at: now, lastTeleportAt: -Infinity };
    }
    // Judged by the server's clock alone, a pose 1.2 m on arriving in the same instant is a jump; as
    // the 15th pose since the last accepted one (half a second of the sender's time) it is walking.
    const ahead = copyPose(last.pose, createPose());
    walk(ahead, 1.2);
    expect(validatePose(ahead, bounds, last, now, 1)).toBe('pose.jump');
    expect(validatePose(ahead, bounds, last, now, 15)).toBeNull();
  });

  it('P11 P6: a cheat still jumps: one pose 5 m on is refused, however the stall looked', () => {
    const cheat = variant((p) => walk(p, 5));
    expect(validatePose(cheat, bounds, prev, 10.001, 1)).toBe('pose.jump');
    // A full burst (30 poses, one second of the sender's time) covers what a runner does in a second
    // (6 m/s × 1 s + 0.75 m); 8 m is more than that.
    const far = variant((p) => walk(p, 8));
    expect(validatePose(far, bounds, prev, 10.001, 30)).toBe('pose.jump');
    // And the timeline never exceeds the walking cap of one gap.
    expect(validatePose(far, bounds, prev, 10.001, 1000)).toBe('pose.jump');
  });
});
