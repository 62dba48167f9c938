/**
 * Trend and forecast on the ingest path (SPEC TW11): the factory's CNC definitions with no source
 * started; readings carry their own timestamps so the trend is known exactly.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TwinRuntime } from '../../../../server/twins/runtime.js';
import { factoryRuntime } from '../../../support/runtime.js';
import { clearTrend } from '../../../../server/twins/forecast.js';
import { MODELS } from '../../../../server/twins/simulator/models.js';
import { simulate } from '../../../support/simulate.js';
import { SIM_STEP_S } from '../../../../server/twins/sources/simulatorSource.js';

let runtime: TwinRuntime;

beforeEach(async () => {
  runtime = await factoryRuntime();
});

const cnc = () => runtime.get('cnc-1')!;
const temperature = () => cnc().properties.get('motorTemperature')!;
// On a whole second: sparkline samples sit on a 250 ms grid of the clock (TW7), trends follow them.
const START = Math.floor((Date.now() - 60_000) / 1000) * 1000;

/** Motor temperature readings every 500 ms from START, f(seconds) °C; returns the last timestamp. */
function feed(from: number, seconds: number, f: (s: number) => number): number {
  let ts = from;
  for (let i = 0; i <= seconds * 2; i++) {
    ts = from + i * 500;
    expect(runtime.ingest('cnc-1', 'motorTemperature', f((ts - START) / 1000), ts)).toBeNull();
  }
  return ts;
}

describe('trend and forecast on ingest', () => {
  it('TW11: a rising temperature gets a trend, and the hot alarm (above 80 °C) a forecast of when', () => {
    const last = feed(START, 20, (s) => 60 + 0.5 * s); // 60 → 70 °C at 0.5 °C/s
    expect(temperature().trend).toBeCloseTo(0.5, 6);
    const f = cnc().forecasts.get('motorHot');
    expect(f).toMatchObject({ property: 'motorTemperature', severity: 'warning', message: 'Spindle motor hot', limit: 80 });
    expect(f!.at).toBeCloseTo(last + 20_000, -3); // 10 °C to go at 0.5 °C/s
    expect(cnc().forecasts.size).toBe(1);
  });

  it('TW11: the forecast goes when the alarm goes off, and when the trend flattens', () => {
    const last = feed(START, 20, (s) => 60 + 0.5 * s);
    expect(cnc().forecasts.has('motorHot')).toBe(true);
    // Keep rising past 80 °C: the alarm is active, so it is no longer a forecast.
    const later = feed(last + 500, 25, (s) => 60 + 0.5 * s);
    expect(cnc().alarms.has('motorHot')).toBe(true);
    expect(cnc().forecasts.has('motorHot')).toBe(false);
    // Level at 84 °C for 40 s: no trend.
    feed(later + 500, 40, () => 84);
    expect(temperature().trend).toBe(0);
  });

  it('TW11: a fast sensor is sampled, not fitted per reading; stale data clears trend and forecast', () => {
    const p = temperature();
    // 1 kHz for 16 s: 16,000 readings written, the trend computed on whole seconds only (and the
    // forecast shown once predicted for 10 s, AN5).
    for (let i = 0; i < 16_000; i++) runtime.ingest('cnc-1', 'motorTemperature', 60 + i * 0.001, START + i);
    expect(p.accepted).toBe(16_000);
    expect(p.num).toBeCloseTo(75.999, 9);
    expect(p.trendAt).toBe(START + 15_000);
    expect(p.trend).toBeCloseTo(1, 3); // 1 °C/s, from the 4-per-second sparkline window
    const forecastsVersion = cnc().forecastsVersion;
    expect(cnc().forecasts.has('motorHot')).toBe(true);
    clearTrend(cnc(), p);
    expect(p.trend).toBe(0);
    expect(cnc().forecasts.size).toBe(0);
    expect(cnc().forecastsVersion).toBe(forecastsVersion + 1);
  });

  it('TW11: a motor warming to a steady temperature below the limit is never forecast to overheat', () => {
    // The factory's CNC as the simulator runs it, from a cold start: it settles well below 80 °C.
    const sim = cnc().def.ext.simulator!;
    const model = MODELS[sim.model].create({ ...sim.params, startSteady: 0 });
    let forecasts = 0;
    let rising = 0;
    simulate(model, 300, {
      each: (i) => {
        runtime.ingest('cnc-1', 'motorTemperature', model.readings().motorTemperature, START + i * SIM_STEP_S * 1000);
        if (cnc().forecasts.has('motorHot')) forecasts++;
        if (temperature().trend > 0) rising++;
      },
    });
    expect(rising).toBeGreaterThan(0); // it did warm up, with a trend…
    expect(forecasts).toBe(0); // …that never pointed past the limit
    expect(temperature().num).toBeLessThan(75);
  });
});
