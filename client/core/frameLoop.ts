/**
 * The one frame driver: runs every system in order, then renders. Nothing else ticks.
 *
 * A system that throws is reported once and skipped for that frame only (SPEC CL5): Babylon queues
 * the next frame after the render function returns, so one exception would end the loop for good —
 * the page would stop drawing and stop sending poses (a rejoin's teleport back to where the person
 * stood never left, and others saw them at the spawn).
 */
import type { Engine } from '@babylonjs/core/Engines/engine.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Frame, System } from './system.js';

export class FrameLoop {
  private last = performance.now();
  private readonly frame: Frame = { dt: 0, now: 0 };
  /** Milliseconds each system took in the last frame (test API, profiling). */
  readonly timings = new Map<string, number>();
  /** Systems (and `render`) whose failure was already logged: one line each, not one per frame. */
  private readonly reported = new Set<string>();

  constructor(
    private readonly engine: Engine,
    private readonly scene: Scene,
    private readonly systems: readonly System[],
    private readonly report: (name: string, err: unknown) => void = (name, err) =>
      console.error(`[twinverse] ${name} failed in a frame; the loop goes on: ${err instanceof Error ? err.message : String(err)}`),
  ) {}

  start(): void {
    this.engine.runRenderLoop(() => this.tick());
  }

  tick(): void {
    const now = performance.now();
    this.frame.dt = Math.min(0.25, Math.max(0, (now - this.last) / 1000));
    this.frame.now = now;
    this.last = now;
    for (const s of this.systems) {
      const t0 = performance.now();
      this.guard(s.name, () => s.update(this.frame));
      this.timings.set(s.name, performance.now() - t0);
    }
    if (this.scene.activeCamera) this.guard('render', () => this.scene.render());
  }

  dispose(): void {
    this.engine.stopRenderLoop();
    for (const s of [...this.systems].reverse()) s.dispose();
  }

  private guard(name: string, run: () => void): void {
    try {
      run();
    } catch (err) {
      if (this.reported.has(name)) return;
      this.reported.add(name);
      this.report(name, err);
    }
  }
}
