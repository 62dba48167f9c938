/**
 * A short window of recent samples of one numeric property, for the panel's sparkline (raw history
 * is a later issue's job). Fixed-size ring; at most one sample per {@link HISTORY_STEP_MS} of the clock, so a
 * sensor at 1 kHz keeps the same window length as one at 4 Hz.
 */
import { fitTrend, type Trend } from '../../shared/twin/trend.js';

export const HISTORY_SAMPLES = 240;
export const HISTORY_STEP_MS = 250;

// One scratch pair for every window: trends are computed one at a time, on one thread.
const scratchT = new Float64Array(HISTORY_SAMPLES);
const scratchV = new Float64Array(HISTORY_SAMPLES);

export class History {
  private readonly t = new Float64Array(HISTORY_SAMPLES);
  private readonly v = new Float64Array(HISTORY_SAMPLES);
  private next = 0;
  private count = 0;

  /**
   * Adds a sample at `t` (ms since epoch) unless the last one is in the same step (or newer: samples
   * stay in time order). Whether it was added.
   */
  push(t: number, v: number): boolean {
    if (this.count > 0) {
      const last = this.t[(this.next - 1 + HISTORY_SAMPLES) % HISTORY_SAMPLES]!;
      // One sample per step of a grid counted from the epoch, not from the first sample: processes that
      // start hearing a twin at different moments keep the same samples, so their trends agree (S4).
      if (Math.floor(t / HISTORY_STEP_MS) <= Math.floor(last / HISTORY_STEP_MS)) return false;
    }
    this.t[this.next] = t;
    this.v[this.next] = v;
    this.next = (this.next + 1) % HISTORY_SAMPLES;
    if (this.count < HISTORY_SAMPLES) this.count++;
    return true;
  }

  /**
   * The trend of the recent samples (shared/twin/trend.ts), null when there is none. The window is
   * copied into shared scratch arrays, not new ones.
   */
  trend(): Trend | null {
    const start = (this.next - this.count + HISTORY_SAMPLES) % HISTORY_SAMPLES;
    for (let i = 0; i < this.count; i++) {
      const k = (start + i) % HISTORY_SAMPLES;
      scratchT[i] = this.t[k]!;
      scratchV[i] = this.v[k]!;
    }
    return fitTrend(scratchT, scratchV, this.count);
  }

  /** Samples oldest first. */
  snapshot(): { t: number[]; v: number[] } {
    const t: number[] = [];
    const v: number[] = [];
    const start = (this.next - this.count + HISTORY_SAMPLES) % HISTORY_SAMPLES;
    for (let i = 0; i < this.count; i++) {
      const k = (start + i) % HISTORY_SAMPLES;
      t.push(this.t[k]!);
      v.push(this.v[k]!);
    }
    return { t, v };
  }
}
