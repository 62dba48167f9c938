/**
 * Anomaly score per numeric property against its own rolling baseline (SPEC AN6, AN7).
 *
 * Method: a robust z-score — the reading's distance from the median of the property's last
 * {@link BASELINE_SAMPLES} one-second samples, in units of their median absolute deviation (× 1.4826,
 * the normal-consistent scale) — accumulated by a two-sided CUSUM with allowance {@link CUSUM_K} and
 * threshold {@link CUSUM_H}. Median/MAD because machine data has spikes, steps and quantisation that
 * drag a mean and standard deviation (an EWMA baseline) around; CUSUM because the faults worth
 * noticing early are small persistent shifts and drifts (a bearing wearing, a filter clogging) that
 * no single reading gives away, while one spike never adds up. A steady ramp (tool wear, a motor
 * still warming) scores a constant z ≈ 1.35 whatever its slope, below the allowance, so it is no
 * anomaly; a property that starts to move while nothing else changed is.
 *
 * The machine's own operation is not an anomaly: for {@link SETTLE_MS} after someone operates it
 * (an acknowledged command other than a simulated fault) scoring stops and the baseline starts
 * again, so a start, a stop or a new set-point never raises a notice. While a property is anomalous
 * its baseline is held (the fault does not become the new normal) for up to {@link HOLD_MS}.
 *
 * Score: max(S⁺, S⁻) / H, so 1 means anomalous; a notice stays until the score falls below 0.5.
 */
import type { Anomaly, LiveProperty, LiveTwin } from './live.js';

export type { Anomaly } from './live.js';

/** One-second samples in the baseline (5 minutes). */
export const BASELINE_SAMPLES = 300;
/** Fewest samples before a property is scored (1 minute). */
export const BASELINE_MIN = 60;
/** Least time between two scored samples of one property, ms (source time). */
export const ANOMALY_EVERY_MS = 1000;
/** CUSUM allowance and threshold, in robust standard deviations. */
export const CUSUM_K = 2;
export const CUSUM_H = 30;
/** After an operation, how long the machine is left to settle before it is scored again, ms. */
export const SETTLE_MS = 60_000;
/** Longest an anomaly holds the baseline before its level is taken as the new normal, ms. */
export const HOLD_MS = 30 * 60_000;
/** MAD × this is the standard deviation of normally distributed data. */
const MAD_SCALE = 1.4826;

class Baseline {
  readonly v = new Float64Array(BASELINE_SAMPLES);
  next = 0;
  count = 0;
  sPlus = 0;
  sMinus = 0;
  at = 0;
  /** The twin's `operatedAt` last seen (a newer one restarts the baseline). */
  operatedAt = 0;

  push(x: number): void {
    this.v[this.next] = x;
    this.next = (this.next + 1) % BASELINE_SAMPLES;
    if (this.count < BASELINE_SAMPLES) this.count++;
  }

  reset(): void {
    this.next = 0;
    this.count = 0;
    this.sPlus = 0;
    this.sMinus = 0;
  }
}

const baselines = new WeakMap<LiveProperty, Baseline>();
// Scratch for the median: one property at a time, on one thread.
const scratch = new Float64Array(BASELINE_SAMPLES);

/** Median of scratch[0, n) (sorts it). */
function median(n: number): number {
  const a = scratch.subarray(0, n).sort();
  return n % 2 === 1 ? a[(n - 1) / 2]! : (a[n / 2 - 1]! + a[n / 2]!) / 2;
}

/** Whether a property is scored: numbers and integers (booleans step, they do not drift). */
/** The TD property member that opts a property out of anomaly scoring (`"tv:anomaly": false`, AN6). */
export const NO_ANOMALY_MEMBER = 'tv:anomaly';

export function hasAnomalyScore(p: LiveProperty): boolean {
  if (p.def.type !== 'number' && p.def.type !== 'integer') return false;
  // A property whose normal is a cycle, not a level (a vehicle's position, heading and speed around
  // its route), says so in its TD: against a steady baseline every corner would be "anomalous".
  return (p.def.schema as Record<string, unknown>)[NO_ANOMALY_MEMBER] !== false;
}

/** The least spread a baseline is given, so a value that never moved is not infinitely sensitive. */
function floorOf(p: LiveProperty, med: number): number {
  const { minimum, maximum } = p.def.schema as { minimum?: unknown; maximum?: unknown };
  if (typeof minimum === 'number' && typeof maximum === 'number' && maximum > minimum) return 1e-3 * (maximum - minimum);
  return 1e-3 * Math.max(Math.abs(med), 1);
}

/** Scores the property's newest reading if a second has passed since the last (source time). */
export function updateAnomaly(twin: LiveTwin, p: LiveProperty): void {
  if (!hasAnomalyScore(p) || !Number.isFinite(p.num)) return;
  let b = baselines.get(p);
  if (!b) baselines.set(p, (b = new Baseline()));
  if (p.ts - b.at < ANOMALY_EVERY_MS) return;
  b.at = p.ts;
  if (twin.operatedAt !== b.operatedAt) {
    b.operatedAt = twin.operatedAt;
    b.reset();
    setScore(twin, p, 0, null);
  }
  if (twin.operatedAt > 0 && p.ts - twin.operatedAt < SETTLE_MS) return;
  const held = twin.anomalies.get(p.def.name);
  if (held && p.ts - held.since > HOLD_MS) {
    // Anomalous for half an hour with nobody acting: this is how the machine runs now.
    b.reset();
    setScore(twin, p, 0, null);
    return;
  }
  if (!held) b.push(p.num);
  if (b.count < BASELINE_MIN) return;
  for (let i = 0; i < b.count; i++) scratch[i] = b.v[i]!;
  const med = median(b.count);
  for (let i = 0; i < b.count; i++) scratch[i] = Math.abs(b.v[i]! - med);
  const spread = Math.max(MAD_SCALE * median(b.count), floorOf(p, med));
  const z = (p.num - med) / spread;
  b.sPlus = Math.max(0, b.sPlus + z - CUSUM_K);
  b.sMinus = Math.max(0, b.sMinus - z - CUSUM_K);
  const score = Math.max(b.sPlus, b.sMinus) / CUSUM_H;
  const direction = b.sPlus >= b.sMinus ? 'high' : 'low';
  if (score >= 1 && !held) setScore(twin, p, score, { property: p.def.name, direction, since: p.ts, value: p.num, baseline: med, spread });
  else if (score < 0.5 && held) setScore(twin, p, score, null);
  else setScore(twin, p, score, held ?? null);
}

/** Forgets the property's baseline and notice (its data went stale). */
export function clearAnomaly(twin: LiveTwin, p: LiveProperty): void {
  baselines.get(p)?.reset();
  setScore(twin, p, 0, null);
}

function setScore(twin: LiveTwin, p: LiveProperty, score: number, anomaly: Anomaly | null): void {
  // Two significant digits: the score's wobble is not worth a patch.
  const s = Number(Math.min(score, 99).toPrecision(2));
  if (s !== p.anomaly) {
    p.anomaly = s;
    p.version++;
    twin.version++;
  }
  const had = twin.anomalies.get(p.def.name);
  if (had === anomaly || (had === undefined && anomaly === null)) return;
  if (anomaly) twin.anomalies.set(p.def.name, anomaly);
  else twin.anomalies.delete(p.def.name);
  twin.anomaliesVersion++;
  twin.version++;
}
