/**
 * A sparkline GUI control: the last minute of a numeric property as a line, drawn straight onto the
 * panel's texture. Babylon GUI has no chart control; this is the few lines one needs.
 */
import { Control } from '@babylonjs/gui/2D/controls/control.js';
import type { ICanvasRenderingContext } from '@babylonjs/core/Engines/ICanvas.js';

export class Sparkline extends Control {
  private t: number[] = [];
  private v: number[] = [];
  private slope = 0;
  private limit = Number.NaN;
  /** Line colour. */
  stroke = '#7CFC9A';
  /** Colour of the threshold a forecast heads for. */
  limitStroke = '#f3a712';

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

  /**
   * Carries the line forward at `slopePerS` (units per second; 0 = no trend) as a dashed stretch, and
   * draws `limit` (an alarm threshold the trend heads for; NaN = none) as a dashed level.
   */
  setForecast(slopePerS: number, limit: number): void {
    if (slopePerS === this.slope && (limit === this.limit || (Number.isNaN(limit) && Number.isNaN(this.limit)))) return;
    this.slope = slopePerS;
    this.limit = limit;
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
    const t0 = this.t[0]!;
    const tLast = this.t[n - 1]!;
    const vLast = this.v[n - 1]!;
    // With a trend, a quarter of the width looks ahead.
    const ahead = this.slope !== 0 ? Math.max(1, tLast - t0) / 3 : 0;
    const projected = vLast + (this.slope * ahead) / 1000;
    let lo = Infinity;
    let hi = -Infinity;
    for (const x of this.v) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (ahead > 0) {
      lo = Math.min(lo, projected);
      hi = Math.max(hi, projected);
    }
    const hasLimit = Number.isFinite(this.limit);
    if (hasLimit) {
      lo = Math.min(lo, this.limit);
      hi = Math.max(hi, this.limit);
    }
    if (hi - lo < 1e-9) {
      hi += 0.5;
      lo -= 0.5;
    }
    const span = Math.max(1, tLast - t0 + ahead);
    const pad = 4;
    const px = (t: number) => m.left + pad + ((t - t0) / span) * (m.width - 2 * pad);
    const py = (v: number) => m.top + pad + (1 - (v - lo) / (hi - lo)) * (m.height - 2 * pad);
    g.lineWidth = 3;
    if (hasLimit) {
      g.strokeStyle = this.limitStroke;
      g.setLineDash([6, 6]);
      g.beginPath();
      g.moveTo(m.left + pad, py(this.limit));
      g.lineTo(m.left + m.width - pad, py(this.limit));
      g.stroke();
    }
    g.strokeStyle = this.stroke;
    g.setLineDash([]);
    g.beginPath();
    for (let i = 0; i < n; i++) {
      if (i === 0) g.moveTo(px(this.t[i]!), py(this.v[i]!));
      else g.lineTo(px(this.t[i]!), py(this.v[i]!));
    }
    g.stroke();
    if (ahead > 0) {
      g.setLineDash([4, 5]);
      g.beginPath();
      g.moveTo(px(tLast), py(vLast));
      g.lineTo(px(tLast + ahead), py(projected));
      g.stroke();
      g.setLineDash([]);
    }
  }
}
