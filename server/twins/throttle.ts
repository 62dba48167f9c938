/**
 * Log lines about bad telemetry are throttled per key: a device stuck sending garbage at 1 kHz gets
 * one line every few seconds (with how many were held back), not a flood.
 */
export class LogThrottle {
  private readonly last = new Map<string, { at: number; held: number }>();

  constructor(private readonly intervalMs = 5000) {}

  /** Returns how many were held back since the last report, or -1 when this one is to be held. */
  take(key: string, now: number): number {
    const r = this.last.get(key);
    if (r && now - r.at < this.intervalMs) {
      r.held++;
      return -1;
    }
    if (this.last.size > 10_000) this.last.clear();
    this.last.set(key, { at: now, held: 0 });
    return r?.held ?? 0;
  }
}
