/**
 * Snapshot interpolation for one remote avatar: poses arrive at the rate of the avatar's interest
 * tier (every 50 ms tick near, ~10 Hz mid, ~2 Hz far; SPEC PF2) and are shown a little more than one
 * gap late, blended between the two snapshots around the render time. Motion is then smooth at any
 * frame rate and any tier, and one late frame does not make the avatar stop.
 */
import { copyPose, createPose, type Joint, type Pose } from '../../shared/protocol/pose.js';

const CAPACITY = 16;

/** How far behind real time remote avatars are drawn, ms (two patches at 20 Hz). */
export const INTERPOLATION_DELAY_MS = 100;
/** How much of real time the render clock may gain or lose while the delay adapts (never runs backwards). */
const DELAY_SLEW = 0.5;

function lerpJoint(a: Joint, b: Joint, t: number, out: Joint): void {
  out.px = a.px + (b.px - a.px) * t;
  out.py = a.py + (b.py - a.py) * t;
  out.pz = a.pz + (b.pz - a.pz) * t;
  // Normalised lerp along the shorter arc: indistinguishable from slerp at 20 Hz steps, and cheaper.
  const dot = a.qx * b.qx + a.qy * b.qy + a.qz * b.qz + a.qw * b.qw;
  const s = dot < 0 ? -1 : 1;
  const x = a.qx + (s * b.qx - a.qx) * t;
  const y = a.qy + (s * b.qy - a.qy) * t;
  const z = a.qz + (s * b.qz - a.qz) * t;
  const w = a.qw + (s * b.qw - a.qw) * t;
  const n = Math.hypot(x, y, z, w) || 1;
  out.qx = x / n;
  out.qy = y / n;
  out.qz = z / n;
  out.qw = w / n;
}

export class PoseBuffer {
  private readonly poses: Pose[] = Array.from({ length: CAPACITY }, createPose);
  private readonly times = new Float64Array(CAPACITY);
  private count = 0;
  private head = 0; // index of the newest
  /** Smoothed gap between snapshots, ms, and the delay the avatar is drawn at now. */
  private gap = 50;
  private delay = INTERPOLATION_DELAY_MS;
  private lastNow = -Infinity;

  /** Adds the pose received at `t` (ms, performance.now clock). A teleport clears the history so the avatar jumps. */
  push(t: number, pose: Pose, teleport = false): void {
    if (teleport) this.count = 0;
    else if (this.count > 0) {
      // A pause (someone standing still sends nothing) is not a rate: cap what one gap may teach. The
      // first gap is taken whole, so a far avatar's 2 Hz is known from its second snapshot on.
      const g = Math.min(t - this.times[this.head]!, 1000);
      this.gap = this.count === 1 ? g : this.gap + (g - this.gap) * 0.25;
    }
    this.head = (this.head + 1) % CAPACITY;
    copyPose(pose, this.poses[this.head]!);
    this.times[this.head] = t;
    this.count = Math.min(this.count + 1, CAPACITY);
  }

  get size(): number {
    return this.count;
  }

  /** The newest pose, or undefined when none arrived yet. */
  latest(): Pose | undefined {
    return this.count > 0 ? this.poses[this.head] : undefined;
  }

  /** The delay this avatar should be drawn at: a little more than its snapshot gap, at least the default. */
  get targetDelay(): number {
    return Math.max(INTERPOLATION_DELAY_MS, this.gap * 1.3 + 30);
  }

  /**
   * Writes the pose to draw at real time `now` (ms) into `out`: sampled `delay` behind, where the delay
   * follows the avatar's snapshot gap (its tier) at a bounded pace, so the render clock never jumps
   * or runs backwards when an avatar changes tier.
   */
  sampleNow(now: number, out: Pose): boolean {
    const dt = Number.isFinite(this.lastNow) ? Math.max(0, now - this.lastNow) : Infinity;
    this.lastNow = now;
    const target = this.targetDelay;
    const step = DELAY_SLEW * dt;
    this.delay = target > this.delay ? Math.min(target, this.delay + step) : Math.max(target, this.delay - step);
    return this.sample(now - this.delay, out);
  }

  /** Writes the pose at render time `t` (ms) into `out`; false when there is nothing to show yet. */
  sample(t: number, out: Pose): boolean {
    if (this.count === 0) return false;
    let newer = this.head;
    for (let k = 0; k < this.count; k++) {
      const i = (this.head - k + CAPACITY) % CAPACITY;
      const ti = this.times[i]!;
      if (ti <= t) {
        if (i === newer) {
          copyPose(this.poses[i]!, out); // render time is past the newest: hold it
          return true;
        }
        const tn = this.times[newer]!;
        const f = tn > ti ? (t - ti) / (tn - ti) : 1;
        const a = this.poses[i]!;
        const b = this.poses[newer]!;
        out.flags = b.flags;
        lerpJoint(a.head, b.head, f, out.head);
        lerpJoint(a.left, b.left, f, out.left);
        lerpJoint(a.right, b.right, f, out.right);
        return true;
      }
      newer = i;
    }
    // Render time is older than everything kept: show the oldest.
    copyPose(this.poses[newer]!, out);
    return true;
  }
}
