/**
 * The one frame driver: runs every system in order, then renders. Nothing else ticks.
 */
import type { Engine } from '@babylonjs/core/Engines/engine.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Frame, System } from './system.js';

export class FrameLoop {
  private last = performance.now();
  private readonly frame: Frame = { dt: 0, now: 0 };
  /** Milliseconds each system took in the last frame (test API, profiling). */
  readonly timings = new Map<string, number>();

  constructor(
    private readonly engine: Engine,
    private readonly scene: Scene,
    private readonly systems: readonly System[],
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
      s.update(this.frame);
      this.timings.set(s.name, performance.now() - t0);
    }
    if (this.scene.activeCamera) this.scene.render();
  }

  dispose(): void {
    this.engine.stopRenderLoop();
    for (const s of [...this.systems].reverse()) s.dispose();
  }
}
