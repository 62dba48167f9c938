/**
 * The built-in simulator's physics and determinism (SPEC SIM1–SIM3): each machine model stepped by
 * hand at the runtime's fixed step.
 */
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../../server/twins/simulator/models.js';
import { seedFor } from '../../../../server/twins/simulator/rng.js';
import type { MachineModel } from '../../../../server/twins/simulator/model.js';
import { simulate } from '../../../support/simulate.js';

const run = (model: MachineModel, seconds: number, seed = 1) => simulate(model, seconds, { seed });
const num = (m: MachineModel, k: string) => m.readings()[k] as number;

describe('spindle', () => {
  it('SIM1: speed follows its set-point with inertia (≈63 % of the step after one time constant)', () => {
    const m = MODELS.spindle.create({ tauSpeed: 1, startRpm: 6000, startSteady: 0 });
    run(m, 1);
    expect(num(m, 'spindleSpeed')).toBeGreaterThan(6000 * 0.6);
    expect(num(m, 'spindleSpeed')).toBeLessThan(6000 * 0.66);
    run(m, 9);
    expect(num(m, 'spindleSpeed')).toBeCloseTo(6000, -1);
    expect(m.invoke('setSpeed', { rpm: 3000 })).toEqual({ ok: true });
    run(m, 10);
    expect(num(m, 'spindleSpeed')).toBeCloseTo(3000, -1);
    m.invoke('stop', undefined);
    run(m, 10);
    expect(num(m, 'spindleSpeed')).toBeLessThan(1);
  });

  it('SIM1: motor temperature rises with load toward its steady state and cools toward ambient', () => {
    const m = MODELS.spindle.create({
      ambient: 20,
      tauTemp: 10,
      tauCool: 20,
      heatPerLoad: 0.8,
      startRpm: 12000,
      tauSpeed: 0.5,
      startSteady: 0,
    });
    run(m, 5);
    const warming = num(m, 'motorTemperature');
    expect(warming).toBeGreaterThan(20);
    run(m, 80);
    const load = num(m, 'load');
    const steady = 20 + 0.8 * load;
    expect(num(m, 'motorTemperature')).toBeGreaterThan(warming);
    expect(Math.abs(num(m, 'motorTemperature') - steady)).toBeLessThan(3);
    m.invoke('stop', undefined);
    run(m, 200);
    expect(num(m, 'motorTemperature')).toBeCloseTo(20, 0);
  });

  it('SIM1: vibration grows with wear', () => {
    const fresh = MODELS.spindle.create({ startWear: 0 });
    const worn = MODELS.spindle.create({ startWear: 95 });
    run(fresh, 10);
    run(worn, 10);
    expect(num(worn, 'vibration')).toBeGreaterThan(num(fresh, 'vibration') * 2);
  });

  it('SIM3: refuses to change the tool while running and to start with a worn-out tool', () => {
    const m = MODELS.spindle.create({ startWear: 100 });
    expect(m.invoke('changeTool', undefined)).toEqual({ ok: false, reason: expect.stringMatching(/stop the spindle/) });
    m.invoke('stop', undefined);
    run(m, 20);
    expect(m.invoke('start', undefined)).toEqual({ ok: false, reason: expect.stringMatching(/worn out/) });
    expect(m.invoke('changeTool', undefined)).toEqual({ ok: true });
    expect(num(m, 'toolWear')).toBe(0);
    expect(m.invoke('start', undefined)).toEqual({ ok: true });
  });
});

describe('pump', () => {
  it('SIM1: flow, pressure and power follow the affinity laws of speed', () => {
    const m = MODELS.pump.create({ startPercent: 100, ratedFlow: 60, ratedPressure: 7, ratedPower: 15 });
    run(m, 30);
    const full = { q: num(m, 'flow'), p: num(m, 'outletPressure'), w: num(m, 'power') };
    m.invoke('setSpeed', { percent: 50 });
    run(m, 30);
    expect(num(m, 'flow') / full.q).toBeCloseTo(0.5, 1);
    expect(num(m, 'outletPressure') / full.p).toBeCloseTo(0.25, 1);
    expect(num(m, 'power') / full.w).toBeCloseTo(0.125, 2);
    expect(m.invoke('setSpeed', { percent: 150 }).ok).toBe(false);
  });
});

describe('conveyor', () => {
  it('SIM1 SIM3: the belt counts items at its speed; a jam raises the current and blocks start until cleared', () => {
    const m = MODELS.conveyor.create({ startSpeed: 1.2, itemSpacing: 0.6, jamsPerHour: 0 });
    run(m, 20);
    expect(num(m, 'beltSpeed')).toBeCloseTo(1.2, 2);
    expect(num(m, 'itemCount')).toBeGreaterThan(30);
    expect(m.invoke('clearJam', undefined).ok).toBe(false);
    const jamming = MODELS.conveyor.create({ jamsPerHour: 3.6e6, quietStartS: 0 });
    run(jamming, 1);
    expect(jamming.readings().jammed).toBe(true);
    expect(num(jamming, 'motorCurrent')).toBeGreaterThan(8);
    expect(jamming.invoke('start', undefined)).toEqual({ ok: false, reason: expect.stringMatching(/jammed/) });
    expect(jamming.invoke('clearJam', undefined).ok).toBe(true);
  });
});

describe('determinism', () => {
  it('SIM2: the same seed gives the same readings; another seed differs', () => {
    const readings = (seed: number) => {
      const m = MODELS.spindle.create({});
      run(m, 5, seed);
      return m.readings();
    };
    expect(readings(42)).toEqual(readings(42));
    expect(readings(42)).not.toEqual(readings(43));
    expect(seedFor(1, 'cnc-1')).toBe(seedFor(1, 'cnc-1'));
    expect(seedFor(1, 'cnc-1')).not.toBe(seedFor(1, 'pump-1'));
  });
});

describe('a factory that behaves like one', () => {
  const factory = (model: keyof typeof MODELS, params: Record<string, number> = {}) => MODELS[model].create(params);

  it('AN4: machines cool with the time constants of real machines of their size, slower standing still than running', () => {
    // The complaint: a pump bearing 42 → 22 °C in 30 s, a conveyor motor 79 → 24 °C in 20 s.
    for (const [model, prop] of [
      ['pump', 'bearingTemperature'],
      ['conveyor', 'motorTemperature'],
      ['spindle', 'motorTemperature'],
    ] as const) {
      const m = factory(model);
      run(m, 1);
      const hot = num(m, prop);
      expect(hot, model).toBeGreaterThan(35); // it starts warm: it has been running
      m.invoke('stop', undefined);
      run(m, 30);
      const rise = hot - 22;
      expect(hot - num(m, prop), `${model} in 30 s`).toBeLessThan(0.05 * rise); // minutes, not seconds
      run(m, 20 * 60);
      expect(num(m, prop), `${model} after 20 min`).toBeLessThan(hot - 0.3 * rise); // …but it does cool
      expect(num(m, prop), `${model} after 20 min`).toBeGreaterThan(22 + 0.2 * rise);
    }
  });

  it('AN4: the factory starts healthy: steady machines, no jam for the first half hour; later jams are rare and seeded', () => {
    const m = factory('conveyor', { startSpeed: 1 });
    expect(m.readings()).toMatchObject({ running: true, jammed: false, beltSpeed: 1 });
    run(m, 30 * 60, 1);
    expect(m.readings().jammed).toBe(false);
    expect(num(m, 'motorCurrent')).toBeLessThan(8);
    // Over 100 simulated hours at the default rate (0.1/h), a handful of jams, the same ones every time
    // (stepped a second at a time: the event rate is per second of running, whatever the step).
    const jams = (seed: number) => {
      const c = factory('conveyor', { quietStartS: 0 });
      const at: number[] = [];
      simulate(c, 100 * 3600, {
        step: 1,
        seed,
        each: (i) => {
          if (!c.readings().jammed) return;
          at.push(i);
          c.invoke('clearJam', undefined);
          c.invoke('start', undefined);
        },
      });
      return at;
    };
    const first = jams(3);
    expect(first.length).toBeGreaterThanOrEqual(2);
    expect(first.length).toBeLessThanOrEqual(30);
    expect(jams(3)).toEqual(first);
  });
});

describe('faults', () => {
  it('AN1: bearing wear drifts the vibration up over its ramp; clearing it repairs the bearing', () => {
    const m = MODELS.pump.create({});
    run(m, 10);
    const before = num(m, 'vibration');
    expect(m.invoke('injectFault', { fault: 'bearingWear', rampSeconds: 100 })).toEqual({ ok: true });
    run(m, 50);
    const half = num(m, 'vibration');
    run(m, 60);
    const full = num(m, 'vibration');
    expect(half - before).toBeGreaterThan(1.5);
    expect(full - half).toBeGreaterThan(1.5);
    expect(m.faults.list()).toMatchObject([{ fault: 'bearingWear', severity: 1, rampS: 100 }]);
    expect(m.invoke('clearFault', { fault: 'all' })).toEqual({ ok: true });
    run(m, 5);
    expect(num(m, 'vibration')).toBeCloseTo(before, 0);
  });

  it('AN1: a clogged filter lowers the flow and raises the outlet pressure; belt slip slows the belt; a jam stops it', () => {
    const p = MODELS.pump.create({});
    run(p, 5);
    const q = num(p, 'flow');
    const bar = num(p, 'outletPressure');
    p.invoke('injectFault', { fault: 'cloggedFilter', rampSeconds: 0 });
    run(p, 5);
    expect(num(p, 'flow')).toBeLessThan(0.6 * q);
    expect(num(p, 'outletPressure')).toBeGreaterThan(1.25 * bar);

    const c = MODELS.conveyor.create({ startSpeed: 1 });
    c.invoke('injectFault', { fault: 'beltSlip', rampSeconds: 0 });
    run(c, 5);
    expect(num(c, 'beltSpeed')).toBeCloseTo(0.7, 1);
    c.invoke('injectFault', { fault: 'jam' });
    run(c, 2);
    expect(c.readings()).toMatchObject({ jammed: true, beltSpeed: expect.closeTo(0, 2) });
    expect(num(c, 'motorCurrent')).toBeGreaterThan(8);
  });

  it('AN1: overheating climbs toward a higher steady temperature at the machine’s own pace', () => {
    const m = MODELS.spindle.create({});
    run(m, 1);
    const t0 = num(m, 'motorTemperature');
    m.invoke('injectFault', { fault: 'overheating' });
    run(m, 60);
    expect(num(m, 'motorTemperature') - t0).toBeGreaterThan(1);
    expect(num(m, 'motorTemperature') - t0).toBeLessThan(5);
    run(m, 30 * 60);
    expect(num(m, 'motorTemperature')).toBeGreaterThan(80); // the TD's "Spindle motor hot"
  });

  it('AN1: a fault the machine cannot suffer, or a bad severity, is refused in words', () => {
    const m = MODELS.spindle.create({});
    expect(m.invoke('injectFault', { fault: 'jam' })).toEqual({
      ok: false,
      reason: expect.stringMatching(/cannot suffer "jam".*bearingWear/),
    });
    expect(m.invoke('injectFault', { fault: 'overheating', severity: 2 })).toEqual({
      ok: false,
      reason: expect.stringMatching(/severity/),
    });
    expect(m.invoke('injectFault', {})).toEqual({ ok: false, reason: expect.stringMatching(/name the fault/) });
    expect(m.faults.list()).toEqual([]);
  });
});
