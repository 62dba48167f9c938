/**
 * A sparkline GUI control: the last minute of a numeric property as a line, drawn straight onto the
 * panel's texture. Babylon GUI has no chart control; this is the few lines one needs.
 */
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import type { ICanvasRenderingContext } from '@babylonjs/core/Engines/ICanvas.js';

export class Sparkline extends Control {
  private t: number[] = [];
  private v: number[] = [];
  /** Line colour. */
  stroke = '#7CFC9A';

  constructor(name: string) {
    super(name);
    this.isPointerBlocker = false;
  }

  /** Replaces the samples (times ms, values), oldest first. */
  setSamples(t: number[], v: number[]): void {
    this.t = t;
    this.v = v;
    this.markAsDirty();
  }

  get count(): number {
    return this.v.length;
  }

  override _draw(context: ICanvasRenderingContext): void {
    const m = this._currentMeasure;
    const g = context as unknown as CanvasRenderingContext2D;
    g.fillStyle = 'rgba(255,255,255,0.05)';
    g.fillRect(m.left, m.top, m.width, m.height);
    const n = this.v.length;
    if (n < 2) return;
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of this.v) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (hi - lo < 1e-9) {
      hi += 0.5;
      lo -= 0.5;
    }
    const t0 = this.t[0]!;
    const span = Math.max(1, this.t[n - 1]! - t0);
    const pad = 4;
    g.strokeStyle = this.stroke;
    g.lineWidth = 3;
    g.beginPath();
    for (let i = 0; i < n; i++) {
      const x = m.left + pad + ((this.t[i]! - t0) / span) * (m.width - 2 * pad);
      const y = m.top + pad + (1 - (this.v[i]! - lo) / (hi - lo)) * (m.height - 2 * pad);
      if (i === 0) g.moveTo(x, y);
      else g.lineTo(x, y);
    }
    g.stroke();
  }
}
