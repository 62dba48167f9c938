/**
 * Trend and forecast of a numeric property (SPEC TW11): a least-squares line through the last
 * {@link TREND_WINDOW_MS} of samples, and when the trend reaches an alarm threshold that is not yet
 * active — in a straight line, or, when the change is clearly slowing down, along a first-order
 * approach that may level off short of it (most machine quantities settle that way). Pure maths,
 * shared so the server (which decides) and tests use the same definition.
 *
 * A line is only called a trend when the change it explains over its span is larger than twice the
 * scatter around it (a noisy but level vibration reading has no trend, so no false forecasts) and
 * than a thousandth of the value.
 */

/** How far back a trend looks, ms: the whole sparkline window the server keeps. */
export const TREND_WINDOW_MS = 60_000;
/** Smallest change over the span that is a trend, as a fraction of the value (at least of 1 unit). */
export const TREND_MIN_CHANGE = 1e-3;
/** Fewest samples, and shortest span (ms), that make a trend. */
export const TREND_MIN_SAMPLES = 6;
export const TREND_MIN_SPAN_MS = 5_000;
/**
 * How far ahead a forecast looks, as a multiple of the time the trend's samples span: 20 s of data
 * may not say where a machine will be in 10 minutes (a motor that warms steadily at first may settle
 * before its limit), so a young trend forecasts only a short way ahead.
 */
export const FORECAST_REACH = 3;
/** …and never farther than this, seconds. */
export const FORECAST_HORIZON_S = 600;

export interface Trend {
  /** Units of the property per second, at `at`. */
  slope: number;
  /** The trend's value at `at` (smoother than the last reading). */
  value: number;
  /** Time of the newest sample, ms since the Unix epoch. */
  at: number;
  /** Seconds between the oldest and the newest sample behind it. */
  span: number;
  /**
   * Time constant, seconds, when the change is clearly slowing down (a first-order approach — a motor
   * warming to its steady temperature, a speed settling on its set-point): the value heads for
   * `value + slope × tau` and no farther. Infinity when the change is not slowing down.
   */
  tau: number;
  /**
   * The newest samples (the last sixth of the span, at least {@link TREND_MIN_SPAN_MS}) move clearly
   * slower than the trend says it moves now: the change is settling — a start-up or a set-point step
   * the machine has nearly finished — and is not forecast (SPEC AN5).
   */
  settling: boolean;
}

/**
 * How much slower than the trend's slope now the newest samples must clearly move for the change to
 * count as settling: a genuine drift keeps its pace to the end of the window, a step response does not.
 */
export const SETTLING_RATIO = 0.5;

interface Line {
  slope: number;
  /** Mean time (seconds, relative) and mean value of the samples. */
  mt: number;
  mv: number;
  /** Root-mean-square distance of the samples from the line. */
  scatter: number;
  /** Standard error of the slope. */
  slopeError: number;
}

/** Least-squares line through samples [from, to), times in seconds relative to `ref` (ms). */
function fitLine(t: ArrayLike<number>, v: ArrayLike<number>, from: number, to: number, ref: number): Line | null {
  const count = to - from;
  let st = 0;
  let sv = 0;
  for (let i = from; i < to; i++) {
    st += (t[i]! - ref) / 1000;
    sv += v[i]!;
  }
  const mt = st / count;
  const mv = sv / count;
  let stt = 0;
  let stv = 0;
  for (let i = from; i < to; i++) {
    const dt = (t[i]! - ref) / 1000 - mt;
    stt += dt * dt;
    stv += dt * (v[i]! - mv);
  }
  if (stt <= 0) return null;
  const slope = stv / stt;
  let sse = 0;
  for (let i = from; i < to; i++) {
    const r = v[i]! - (mv + slope * ((t[i]! - ref) / 1000 - mt));
    sse += r * r;
  }
  const slopeError = count > 2 ? Math.sqrt(sse / (count - 2) / stt) : Number.POSITIVE_INFINITY;
  return Number.isFinite(slope) ? { slope, mt, mv, scatter: Math.sqrt(sse / count), slopeError } : null;
}

/**
 * The trend of `n` samples, oldest first (`t` in ms since the Unix epoch), over those within
 * `windowMs` of the newest. Null when there are too few, they span too little time, or the line does
 * not stand out from the scatter.
 */
export function fitTrend(t: ArrayLike<number>, v: ArrayLike<number>, n: number, windowMs = TREND_WINDOW_MS): Trend | null {
  return fit(t, v, n, windowMs, true);
}

function fit(t: ArrayLike<number>, v: ArrayLike<number>, n: number, windowMs: number, mayNarrow: boolean): Trend | null {
  if (n < TREND_MIN_SAMPLES) return null;
  const last = t[n - 1]!;
  let first = n - 1;
  while (first > 0 && last - t[first - 1]! <= windowMs) first--;
  const count = n - first;
  const span = last - t[first]!;
  if (count < TREND_MIN_SAMPLES || span < TREND_MIN_SPAN_MS) return null;
  // Seconds relative to the newest sample keep the sums small and well conditioned.
  const whole = fitLine(t, v, first, n, last);
  if (!whole) return null;
  const change = Math.abs(whole.slope) * (span / 1000);
  // Not a trend: a change within the scatter, or too small to matter (a speed settled on 8000 rpm
  // still creeping by a thousandth of an rpm a second).
  if (change <= 2 * whole.scatter || change <= TREND_MIN_CHANGE * Math.max(1, Math.abs(whole.mv))) return null;
  const value = whole.mv - whole.slope * whole.mt; // the line at the newest sample (relative time 0)
  // Slowing down? Compare the slopes of the older and the newer half: for a first-order approach
  // they fall by e^(−Δt/τ). Only a slowdown larger than twice its own uncertainty counts.
  let tau = Number.POSITIVE_INFINITY;
  const mid = first + Math.floor(count / 2);
  const older = fitLine(t, v, first, mid, last);
  const newer = fitLine(t, v, mid, n, last);
  // A change that has stopped or turned is judged by the recent half alone: a ramp that levelled off
  // half a minute ago is level now, not still rising at its average rate.
  const carriesOn = newer !== null && Math.sign(newer.slope) === Math.sign(whole.slope) && Math.abs(newer.slope) > 2 * newer.slopeError;
  if (!carriesOn) return mayNarrow ? fit(t, v, n, last - t[mid]!, false) : null;
  if (older && Math.sign(older.slope) === Math.sign(whole.slope)) {
    const drop = Math.abs(older.slope) - Math.abs(newer.slope);
    if (drop > 2 * Math.hypot(older.slopeError, newer.slopeError)) tau = (newer.mt - older.mt) / Math.log(older.slope / newer.slope);
  }
  const settlingAt = (slopeNow: number) => isSettling(t, v, n, last, span, slopeNow);
  if (!Number.isFinite(tau) || tau <= 0)
    return { slope: whole.slope, value, at: last, span: span / 1000, tau: Number.POSITIVE_INFINITY, settling: settlingAt(whole.slope) };
  // Slowing down: fit v = A + C·x with x = e^(−t/τ) (t ≤ 0 relative to the newest sample), which is
  // linear in A and C. Now (x = 1) the value is A + C and the slope −C/τ; it levels off at A.
  let sx = 0;
  let sv = 0;
  for (let i = first; i < n; i++) {
    sx += Math.exp(-(t[i]! - last) / 1000 / tau);
    sv += v[i]!;
  }
  const mx = sx / count;
  const mv = sv / count;
  let sxx = 0;
  let sxv = 0;
  for (let i = first; i < n; i++) {
    const dx = Math.exp(-(t[i]! - last) / 1000 / tau) - mx;
    sxx += dx * dx;
    sxv += dx * (v[i]! - mv);
  }
  const c = sxv / sxx;
  const a = mv - c * mx;
  if (!Number.isFinite(c) || !Number.isFinite(a) || Math.sign(-c) !== Math.sign(whole.slope)) {
    return { slope: whole.slope, value, at: last, span: span / 1000, tau: Number.POSITIVE_INFINITY, settling: settlingAt(whole.slope) };
  }
  return { slope: -c / tau, value: a + c, at: last, span: span / 1000, tau, settling: settlingAt(-c / tau) };
}

/**
 * Whether the newest sixth of the window (at least the shortest trend span) moves clearly slower
 * toward where the trend heads than `slopeNow`: beyond twice its own standard error below
 * {@link SETTLING_RATIO} of it. A step that has already levelled off, or a first-order start-up
 * faster than the line could follow, is settling; a steady drift is not.
 */
function isSettling(t: ArrayLike<number>, v: ArrayLike<number>, n: number, last: number, spanMs: number, slopeNow: number): boolean {
  const reach = Math.max(TREND_MIN_SPAN_MS, spanMs / 6);
  let from = n - 1;
  while (from > 0 && last - t[from - 1]! <= reach) from--;
  if (n - from < 3) return false;
  const newest = fitLine(t, v, from, n, last);
  if (!newest) return false;
  const along = newest.slope * Math.sign(slopeNow);
  return along + 2 * newest.slopeError < SETTLING_RATIO * Math.abs(slopeNow);
}

/** Where the trend says the value will be `seconds` after its newest sample (a line, or a first-order approach). */
export function valueAt(trend: Trend, seconds: number): number {
  if (!Number.isFinite(trend.tau)) return trend.value + trend.slope * seconds;
  return trend.value + trend.slope * trend.tau * (1 - Math.exp(-seconds / trend.tau));
}

/** Seconds until a trend reaches `level`; Infinity when it heads away or levels off short of it. */
export function timeToReach(trend: Trend, level: number): number {
  const gap = level - trend.value;
  if (gap === 0) return 0;
  if (Math.sign(gap) !== Math.sign(trend.slope)) return Number.POSITIVE_INFINITY;
  if (!Number.isFinite(trend.tau)) return gap / trend.slope;
  // v(t) = value + slope·τ·(1 − e^(−t/τ)): it reaches `level` only if that is short of value + slope·τ.
  const reach = gap / (trend.slope * trend.tau);
  return reach < 1 ? -trend.tau * Math.log(1 - reach) : Number.POSITIVE_INFINITY;
}

/** An alarm rule as far as a forecast needs it (shared/twin/extension.ts `AlarmRule`). */
export interface AlarmLimit {
  id: string;
  above?: number | undefined;
  below?: number | undefined;
}

/**
 * The first of `rules` that the trend reaches within `horizonS` (by default {@link FORECAST_REACH}
 * times its span, at most {@link FORECAST_HORIZON_S}), skipping rules already active; with the time
 * it is reached (ms since the Unix epoch). Null when none is.
 */
export function forecastAlarm(
  trend: Trend,
  rules: readonly AlarmLimit[],
  isActive: (id: string) => boolean,
  horizonS = Math.min(FORECAST_HORIZON_S, FORECAST_REACH * trend.span),
): { id: string; at: number } | null {
  let best: { id: string; at: number } | null = null;
  // The machine's own recent samples say the change is levelling off: nothing to forecast.
  if (trend.settling) return null;
  for (const r of rules) {
    if (isActive(r.id)) continue;
    let inS = Number.POSITIVE_INFINITY;
    if (r.above !== undefined && trend.slope > 0 && trend.value < r.above) inS = timeToReach(trend, r.above);
    else if (r.below !== undefined && trend.slope < 0 && trend.value > r.below) inS = timeToReach(trend, r.below);
    if (inS > horizonS) continue;
    const at = trend.at + inS * 1000;
    if (!best || at < best.at) best = { id: r.id, at };
  }
  return best;
}
