/**
 * Forecasts that do not cry wolf and anomalies against each property's own baseline (SPEC AN5–AN7):
 * the factory simulated on an injected clock, faster than real time, through the real ingest path.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { TwinRuntime } from '../../../../server/twins/runtime.js';
import { factoryRuntime } from '../../../support/runtime.js';
import { OfflineFactory, operateNormally } from '../../../../server/twins/simulator/offline.js';
import { mulberry32 } from '../../../../server/twins/simulator/rng.js';
import { BASELINE_MIN, SETTLE_MS } from '../../../../server/twins/anomaly.js';
import { createRoomTwin } from '../../../../server/twins/room/roomTwins.js';
import { syncTwin } from '../../../../server/twins/room/twinSync.js';

let runtime: TwinRuntime;
// Simulated time starts a day back: the ingest path refuses readings from the future.
const START = Date.now() - 24 * 3600_000;
const NO_JAMS = { 'conveyor-1': { jamsPerHour: 0 } };

beforeEach(async () => {
  runtime = await factoryRuntime();
});

/** Every forecast, anomaly and alarm raised while running, as "twin kind id". */
function watch(): { raised: Set<string>; each: () => void } {
  const raised = new Set<string>();
  return {
    raised,
    each: () => {
      for (const t of runtime.all()) {
        for (const f of t.forecasts.keys()) raised.add(`${t.id} forecast ${f}`);
        for (const a of t.anomalies.keys()) raised.add(`${t.id} anomaly ${a}`);
        for (const a of t.alarms.keys()) raised.add(`${t.id} alarm ${a}`);
      }
    },
  };
}

describe('no fault, no alarm', () => {
  it('AN5 AN6: 30 simulated minutes of starts, stops and set-points with no fault raise no forecast, anomaly or alarm', () => {
    const f = new OfflineFactory(runtime, 1, START, NO_JAMS);
    const w = watch();
    operateNormally(f, mulberry32(9), 30, 0.5, w.each);
    expect([...w.raised]).toEqual([]);
    // It was exercised: the pump's pressure had trends to judge.
    expect(runtime.get('pump-1')!.properties.get('outletPressure')!.accepted).toBeGreaterThan(17_000);
  });

  it('AN5: a pump start-up settling at its pressure is never forecast to exceed the limit', () => {
    const f = new OfflineFactory(runtime, 2, START, NO_JAMS);
    f.act('pump-1', 'stop');
    f.run(120);
    f.act('pump-1', 'setSpeed', { percent: 85 }); // settles at 5.1 bar; the limit is 6.5
    f.act('pump-1', 'start');
    const w = watch();
    f.run(120, w.each);
    expect([...w.raised]).toEqual([]);
  });
});

describe('faults are noticed', () => {
  it('AN6 AN7: bearing wear on a steady pump becomes a vibration anomaly within two minutes, high, with its baseline', () => {
    const f = new OfflineFactory(runtime, 3, START, NO_JAMS);
    f.run(6 * 60);
    const pump = runtime.get('pump-1')!;
    expect(pump.anomalies.size).toBe(0);
    const onset = f.now;
    expect(f.act('pump-1', 'injectFault', { fault: 'bearingWear' }).ok).toBe(true);
    let raised = 0;
    f.run(10 * 60, (now) => {
      if (!raised && pump.anomalies.has('vibration')) raised = now;
    });
    expect(raised).toBeGreaterThan(onset);
    expect(raised - onset).toBeLessThan(120_000);
    const notice = pump.anomalies.get('vibration')!;
    expect(notice).toMatchObject({ property: 'vibration', direction: 'high' });
    expect(notice.value).toBeGreaterThan(notice.baseline);
    expect(pump.properties.get('vibration')!.anomaly).toBeGreaterThanOrEqual(1);
    // Other machines are untouched.
    expect(runtime.get('cnc-1')!.anomalies.size).toBe(0);
  });

  it('AN6: operating the machine restarts its baseline: no notice while it settles, none after', () => {
    const f = new OfflineFactory(runtime, 4, START, NO_JAMS);
    f.run(3 * 60);
    const conveyor = runtime.get('conveyor-1')!;
    const speed = conveyor.properties.get('beltSpeed')!;
    f.act('conveyor-1', 'setSpeed', { speed: 1.8 });
    f.run(SETTLE_MS / 1000 - 1);
    expect(speed.anomaly).toBe(0);
    f.run(BASELINE_MIN + 120);
    expect(conveyor.anomalies.size).toBe(0);
    // Belt slip with no one touching it: the belt runs slower than its baseline.
    f.act('conveyor-1', 'injectFault', { fault: 'beltSlip', rampSeconds: 0 });
    f.run(30);
    expect(conveyor.anomalies.get('beltSpeed')).toMatchObject({ direction: 'low' });
    f.act('conveyor-1', 'clearFault');
    f.act('conveyor-1', 'stop'); // an operation: the notices go at the next scored second
    f.run(2);
    expect(conveyor.anomalies.size).toBe(0);
  });

  it('AN5: a clogging filter is forecast before the pressure alarm goes off', () => {
    const f = new OfflineFactory(runtime, 5, START, NO_JAMS);
    f.act('pump-1', 'setSpeed', { percent: 90 }); // 5.7 bar; a clog drives it past 6.5
    f.run(3 * 60);
    f.act('pump-1', 'injectFault', { fault: 'cloggedFilter' });
    const pump = runtime.get('pump-1')!;
    let forecastAt = 0;
    let alarmAt = 0;
    f.run(6 * 60, (now) => {
      if (!forecastAt && pump.forecasts.has('pressureHigh')) forecastAt = now;
      if (!alarmAt && pump.alarms.has('pressureHigh')) alarmAt = now;
    });
    expect(alarmAt).toBeGreaterThan(0);
    expect(forecastAt).toBeGreaterThan(0);
    expect(forecastAt).toBeLessThan(alarmAt);
  });
});

describe('everyone sees it', () => {
  it('AN7: a notice and the score reach the room state at the next patch, and go when it clears', () => {
    const f = new OfflineFactory(runtime, 6, START, NO_JAMS);
    const pump = runtime.get('pump-1')!;
    const rt = createRoomTwin(pump, { twin: 'pump-1', position: [0, 0, 0], yawDeg: 0, scale: 1 });
    f.run(3 * 60);
    f.act('pump-1', 'injectFault', { fault: 'bearingWear', rampSeconds: 0 });
    f.run(30);
    syncTwin(rt);
    const notice = rt.state.anomalies.get('vibration');
    expect(notice).toMatchObject({ property: 'vibration', direction: 'high' });
    expect(notice!.since).toBe(pump.anomalies.get('vibration')!.since);
    expect(rt.state.properties.get('vibration')!.anomaly).toBeGreaterThanOrEqual(1);
    expect(rt.state.properties.get('flow')!.anomaly).toBeLessThan(1);
    f.act('pump-1', 'clearFault');
    f.act('pump-1', 'setSpeed', { percent: 70 });
    f.run(2);
    syncTwin(rt);
    expect(rt.state.anomalies.size).toBe(0);
    expect(rt.state.properties.get('vibration')!.anomaly).toBe(0);
  });
});
