/** How a bench bot moves: shared by bench/roomBots.ts (Twinverse) and bench/nafBots.ts (Networked-Aframe), so both carry the same motion. */
import type { Pose } from '../shared/protocol/pose.js';
import { mulberry32 } from '../shared/random.js';
import { restPose } from '../shared/space/spawn.js';

/** A person wandering between random spots at 0.5–1.3 m/s, looking about, hands swinging. */
export class Walker {
  x: number;
  z: number;
  private tx = 0;
  private tz = 0;
  private speed = 1;
  private readonly rand: () => number;
  private readonly phase: number;
  constructor(
    seed: number,
    private readonly halfW: number,
    private readonly halfD: number,
  ) {
    // Deterministic per bot, so runs are comparable.
    this.rand = mulberry32(seed);
    this.x = (this.rand() * 2 - 1) * halfW;
    this.z = (this.rand() * 2 - 1) * halfD;
    this.phase = this.rand() * 10;
    this.pick();
  }
  private pick(): void {
    this.tx = (this.rand() * 2 - 1) * this.halfW;
    this.tz = (this.rand() * 2 - 1) * this.halfD;
    this.speed = 0.5 + this.rand() * 0.8;
  }
  step(dt: number, t: number, out: Pose): void {
    const dx = this.tx - this.x;
    const dz = this.tz - this.z;
    const d = Math.hypot(dx, dz);
    if (d < 0.3) this.pick();
    else {
      this.x += (dx / d) * this.speed * dt;
      this.z += (dz / d) * this.speed * dt;
    }
    const heading = Math.atan2(-dx, -dz);
    const look = heading + 0.5 * Math.sin(0.7 * t + this.phase);
    restPose(out, this.x, this.z, look, 1.6 + 0.03 * Math.sin(2 * Math.PI * 1.8 * t + this.phase));
    // Arms swing with the stride, a little out of phase.
    const swing = 0.18 * Math.sin(2 * Math.PI * 0.9 * t + this.phase);
    out.left.py += 0.1 * Math.abs(swing);
    out.left.pz += swing;
    out.right.pz -= swing;
    out.right.py += 0.1 * Math.abs(swing);
  }
}
