/**
 * The built-in simulator's physics and determinism (SPEC SIM1–SIM3): each machine model stepped by
 * hand at the runtime's fixed step.
 */
import { describe, expect, it } from 'vitest';
import { MODELS } from '../../../../server/twins/simulator/models.js';
import { mulberry32, seedFor } from '../../../../server/twins/simulator/rng.js';
import type { MachineModel } from '../../../../server/twins/simulator/model.js';
import { SIM_STEP_S } from '../../../../server/twins/sources/simulatorSource.js';

function run(model: MachineModel, seconds: number, seed = 1): void {
  const rng = mulberry32(seed);
  for (let i = 0; i < Math.round(seconds / SIM_STEP_S); i++) model.step(SIM_STEP_S, rng);
}
const num = (m: MachineModel, k: string) => m.readings()[k] as number;

describe('spindle', () => {
  it('SIM1: speed follows its set-point with inertia (≈63 % of the step after one time constant)', () => {
    const m = MODELS.spindle.create({ tauSpeed: 1, startRpm: 6000 });
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
    const m = MODELS.spindle.create({ ambient: 20, tauTemp: 10, heatPerLoad: 0.8, startRpm: 12000, tauSpeed: 0.5 });
    run(m, 5);
    const warming = num(m, 'motorTemperature');
    expect(warming).toBeGreaterThan(20);
    run(m, 80);
    const load = num(m, 'load');
    const steady = 20 + 0.8 * load;
    expect(num(m, 'motorTemperature')).toBeGreaterThan(warming);
    expect(Math.abs(num(m, 'motorTemperature') - steady)).toBeLessThan(3);
    m.invoke('stop', undefined);
    run(m, 100);
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
    run(m, 10);
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
    const m = MODELS.conveyor.create({ startSpeed: 1.2, itemSpacing: 0.6, jamRate: 0 });
    run(m, 20);
    expect(num(m, 'beltSpeed')).toBeCloseTo(1.2, 2);
    expect(num(m, 'itemCount')).toBeGreaterThan(30);
    expect(m.invoke('clearJam', undefined).ok).toBe(false);
    const jamming = MODELS.conveyor.create({ jamRate: 1000 });
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
