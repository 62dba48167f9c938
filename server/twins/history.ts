/**
 * A short window of recent samples of one numeric property, for the panel's sparkline (raw history
 * is a later issue's job). Fixed-size ring; at most one sample per {@link HISTORY_STEP_MS}, so a
 * sensor at 1 kHz keeps the same window length as one at 4 Hz.
 */
export const HISTORY_SAMPLES = 240;
export const HISTORY_STEP_MS = 250;

export class History {
  private readonly t = new Float64Array(HISTORY_SAMPLES);
  private readonly v = new Float64Array(HISTORY_SAMPLES);
  private next = 0;
  private count = 0;

  /** Adds a sample at `t` (ms since epoch) unless the last one is less than a step ago. */
  push(t: number, v: number): void {
    if (this.count > 0) {
      const last = this.t[(this.next - 1 + HISTORY_SAMPLES) % HISTORY_SAMPLES]!;
      if (t - last < HISTORY_STEP_MS) return;
    }
    this.t[this.next] = t;
    this.v[this.next] = v;
    this.next = (this.next + 1) % HISTORY_SAMPLES;
    if (this.count < HISTORY_SAMPLES) this.count++;
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
