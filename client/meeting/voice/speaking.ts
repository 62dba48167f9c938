/**
 * Turns an audio level into "speaking" with hysteresis: on above `on`, off once the level stayed below
 * `off` for `holdMs` — so the indicator does not flicker between words (SPEC V7).
 */
export class SpeakingDetector {
  private speaking = false;
  private quietSince = 0;

  constructor(
    private readonly on = 0.02,
    private readonly off = 0.01,
    private readonly holdMs = 350,
  ) {}

  /** Feeds the RMS level (0…1) measured at `now` (ms); returns whether the person is speaking. */
  update(level: number, now: number): boolean {
    if (level >= this.on) {
      this.speaking = true;
      this.quietSince = now;
    } else if (level >= this.off) {
      this.quietSince = now;
    } else if (this.speaking && now - this.quietSince > this.holdMs) {
      this.speaking = false;
    }
    return this.speaking;
  }

  get value(): boolean {
    return this.speaking;
  }
}

/** RMS of a time-domain buffer (−1…1 samples). */
export function rms(samples: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < samples.length; i++) sum += samples[i]! * samples[i]!;
  return Math.sqrt(sum / samples.length);
}
