/** Trend and forecast maths (SPEC TW11): known lines, noise that is not a trend, the nearest alarm. */
import { describe, expect, it } from 'vitest';
import {
  fitTrend,
  forecastAlarm,
  FORECAST_HORIZON_S,
  FORECAST_REACH,
  timeToReach,
  TREND_WINDOW_MS,
  type Trend,
} from '../../../../shared/twin/trend.js';
import { mulberry32 } from '../../../../server/twins/simulator/rng.js';

const T0 = 1_800_000_000_000;

/** n samples every `stepMs`, values f(seconds since the first). */
function series(n: number, stepMs: number, f: (s: number) => number): { t: number[]; v: number[] } {
  const t = Array.from({ length: n }, (_, i) => T0 + i * stepMs);
  return { t, v: t.map((x) => f((x - T0) / 1000)) };
}

describe('fitTrend', () => {
  it('TW11: recovers the slope and the value at the newest sample of a straight line', () => {
    const { t, v } = series(40, 500, (s) => 60 + 0.25 * s);
    const trend = fitTrend(t, v, t.length)!;
    expect(trend.slope).toBeCloseTo(0.25, 9);
    expect(trend.value).toBeCloseTo(60 + 0.25 * 19.5, 9);
    expect(trend.at).toBe(t[39]);
    expect(trend.tau).toBe(Number.POSITIVE_INFINITY); // not slowing down
  });

  it('TW11: looks back only over its window', () => {
    // Level for 60 s, then rising at 1 unit/s for 20 s: a 15-s window sees only the rise.
    const { t, v } = series(161, 500, (s) => (s < 60 ? 10 : 10 + (s - 60)));
    expect(fitTrend(t, v, t.length, 15_000)!.slope).toBeCloseTo(1, 6);
    const whole = fitTrend(t, v, t.length)!; // the default 60 s: two thirds of it level
    expect(whole.slope).toBeGreaterThan(0.2);
    expect(whole.slope).toBeLessThan(0.7);
    expect(whole.span).toBe(60);
    expect(TREND_WINDOW_MS).toBe(60_000);
  });

  it('TW11: noise around a level is not a trend; the same noise on a clear ramp is', () => {
    const rng = mulberry32(7);
    const noise = series(60, 500, () => 3 + (rng() - 0.5) * 2);
    expect(fitTrend(noise.t, noise.v, noise.t.length)).toBeNull();
    const rng2 = mulberry32(7);
    const ramp = series(60, 500, (s) => 3 + 0.2 * s + (rng2() - 0.5) * 2);
    const trend = fitTrend(ramp.t, ramp.v, ramp.t.length)!;
    expect(trend.slope).toBeCloseTo(0.2, 1);
    expect(trend.tau).toBe(Number.POSITIVE_INFINITY); // noise is not mistaken for a slowdown
  });

  it('TW11: a first-order approach (a motor warming to its steady temperature) is seen slowing down', () => {
    // 60 °C → 66 °C with τ = 20 s; the window sees seconds 10–40.
    const warm = (s: number) => 66 - 6 * Math.exp(-s / 20);
    const { t, v } = series(81, 500, warm);
    const trend = fitTrend(t, v, t.length)!;
    expect(trend.tau).toBeGreaterThan(17);
    expect(trend.tau).toBeLessThan(23);
    // Where it levels off: 66 °C, so 80 °C is never reached; 65.8 °C is, about when it really is.
    expect(trend.value + trend.slope * trend.tau).toBeCloseTo(66, 1);
    expect(trend.value).toBeCloseTo(warm(40), 1);
    expect(timeToReach(trend, 80)).toBe(Number.POSITIVE_INFINITY);
    const trueIn = -20 * Math.log((66 - 65.8) / 6) - 40; // ≈ 28 s after the newest sample
    expect(timeToReach(trend, 65.8)).toBeGreaterThan(trueIn * 0.8);
    expect(timeToReach(trend, 65.8)).toBeLessThan(trueIn * 1.2);
    expect(forecastAlarm(trend, [{ id: 'hot', above: 80 }], () => false)).toBeNull();
  });

  it('TW11: too few samples, too short a span, or a flat line give none', () => {
    const few = series(5, 2000, (s) => s);
    expect(fitTrend(few.t, few.v, few.t.length)).toBeNull();
    const short = series(20, 200, (s) => s);
    expect(fitTrend(short.t, short.v, short.t.length)).toBeNull();
    const flat = series(30, 500, () => 42);
    expect(fitTrend(flat.t, flat.v, flat.t.length)).toBeNull();
    // A speed settled on 8000 rpm, still creeping by 0.001 rpm/s: no trend worth the name.
    const settled = series(120, 500, (s) => 8000 - 0.06 + 0.001 * s);
    expect(fitTrend(settled.t, settled.v, settled.t.length)).toBeNull();
    // Only the first n samples count.
    const line = series(30, 500, (s) => 2 * s);
    expect(fitTrend(line.t, line.v, 5)).toBeNull();
  });
});

describe('forecastAlarm', () => {
  const rising: Trend = { slope: 0.5, value: 70, at: T0, span: 60, tau: Number.POSITIVE_INFINITY, settling: false };
  const hot = { id: 'hot', above: 80 };
  const veryHot = { id: 'veryHot', above: 95 };
  const low = { id: 'low', below: 2 };
  const none = () => false;

  it('TW11: gives the nearest threshold the line reaches, and when', () => {
    expect(forecastAlarm(rising, [veryHot, hot, low], none)).toEqual({ id: 'hot', at: T0 + 20_000 });
    expect(forecastAlarm({ ...rising, slope: -0.1, value: 3 }, [hot, low], none)).toEqual({ id: 'low', at: T0 + 10_000 });
  });

  it('TW11: a trend slowing down forecasts the threshold only if it levels off beyond it', () => {
    const settling: Trend = { ...rising, tau: 30 }; // heads for 70 + 0.5 × 30 = 85
    expect(forecastAlarm(settling, [veryHot], none)).toBeNull();
    const f = forecastAlarm(settling, [hot], none)!;
    expect(f.id).toBe('hot');
    expect(f.at).toBeCloseTo(T0 + -30 * Math.log(1 - 10 / 15) * 1000, 3); // later than the straight line's 20 s
  });

  it('TW11: skips active alarms, thresholds behind the line, and crossings past the horizon', () => {
    expect(forecastAlarm(rising, [hot, veryHot], (id) => id === 'hot')).toEqual({ id: 'veryHot', at: T0 + 50_000 });
    expect(forecastAlarm({ ...rising, slope: -0.5 }, [hot], none)).toBeNull();
    expect(forecastAlarm({ ...rising, value: 85 }, [hot], none)).toBeNull();
    const slow: Trend = { ...rising, slope: 10 / 181 }; // reaches 80 in 181 s: past 3 × 60 s of data
    expect(forecastAlarm(slow, [hot], none)).toBeNull();
    expect(forecastAlarm({ ...slow, span: 61 }, [hot], none)).not.toBeNull();
    expect(forecastAlarm({ ...slow, span: 1000 }, [hot], none, FORECAST_HORIZON_S)).not.toBeNull();
    expect(forecastAlarm({ ...slow, slope: 10 / 601, span: 1000 }, [hot], none)).toBeNull(); // never past 10 min
    expect(FORECAST_REACH).toBe(3);
  });
});

describe('settling transients (AN5)', () => {
  it('AN5: a step that has levelled off is settling and forecasts nothing; a steady drift is not settling', () => {
    // 40 s level at 0 then a start-up to 3.4 bar that settles within seconds (the pump's "high in 60 s").
    const step = series(120, 500, (s) => (s < 40 ? 0 : 3.4 * (1 - Math.exp(-(s - 40) / 1))));
    const trend = fitTrend(step.t, step.v, step.t.length);
    expect(trend?.settling).toBe(true);
    expect(forecastAlarm(trend!, [{ id: 'high', above: 6.5 }], () => false, 600)).toBeNull();
    const drift = series(120, 500, (s) => 3.4 + 0.02 * s);
    const rising = fitTrend(drift.t, drift.v, drift.t.length);
    expect(rising?.settling).toBe(false);
    expect(forecastAlarm(rising!, [{ id: 'high', above: 6.5 }], () => false, 600)).not.toBeNull();
  });
});
