/**
 * The one ingest path (SPEC VAL1, VAL2, VAL4, AL1, TW7): values checked against the TD's DataSchemas, refused
 * ones counted and never written, unknown twins and properties counted; the sparkline window. The
 * runtime is built from the project's factory definitions with no source started.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TwinRuntime } from '../../../../server/twins/runtime.js';
import { factoryRuntime } from '../../../support/runtime.js';
import { History, HISTORY_SAMPLES, HISTORY_STEP_MS } from '../../../../server/twins/history.js';

let runtime: TwinRuntime;

beforeAll(async () => {
  runtime = await factoryRuntime();
});

const prop = (twin: string, name: string) => runtime.get(twin)!.properties.get(name)!;

describe('value validation', () => {
  it.each<[string, string, unknown, RegExp | null]>([
    ['cnc-1', 'spindleSpeed', 6000, null],
    ['cnc-1', 'spindleSpeed', 12001, /<= 12000/],
    ['cnc-1', 'spindleSpeed', -1, />= 0/],
    ['cnc-1', 'spindleSpeed', '6000', /must be number/],
    ['cnc-1', 'running', true, null],
    ['cnc-1', 'running', 1, /must be boolean/],
    ['conveyor-1', 'itemCount', 12, null],
    ['conveyor-1', 'itemCount', 12.5, /must be integer/],
    ['pump-1', 'flow', null, /must be number/],
  ])('VAL1: %s.%s = %j → %s', (twin, name, value, problem) => {
    const r = runtime.check(twin, name, value);
    if (problem === null) expect(r).toBeNull();
    else expect(r?.message).toMatch(problem);
  });

  it('VAL1: a refused value is counted and never written; the property turns bad until a good one comes', () => {
    const p = prop('pump-1', 'outletPressure');
    expect(runtime.ingest('pump-1', 'outletPressure', 3.5)).toBeNull();
    const before = runtime.stats.refused;
    const refusal = runtime.ingest('pump-1', 'outletPressure', 99);
    expect(refusal).toMatchObject({ code: 'invalid_value', message: expect.stringMatching(/outletPressure: value must be <= 16/) });
    expect(runtime.stats.refused).toBe(before + 1);
    expect(p.refused).toBe(1);
    expect(p.value).toBe(3.5);
    expect(p.quality).toBe('bad');
    runtime.ingest('pump-1', 'outletPressure', 3.6);
    expect(p.quality).toBe('good');
    expect(p.num).toBe(3.6);
  });

  it('VAL2: unknown twins and properties are counted, not written', () => {
    const s = { ...runtime.stats };
    expect(runtime.ingest('no-such', 'x', 1)?.code).toBe('unknown_twin');
    expect(runtime.ingest('pump-1', 'colour', 'red')?.code).toBe('unknown_property');
    expect(runtime.stats.unknownTwin).toBe(s.unknownTwin + 1);
    expect(runtime.stats.unknownProperty).toBe(s.unknownProperty + 1);
    expect(runtime.stats.accepted).toBe(s.accepted);
  });

  it('VAL4: a source timestamp is kept; one far in the future is replaced by the receive time', () => {
    const p = prop('pump-1', 'power');
    const past = Date.now() - 60_000;
    runtime.ingest('pump-1', 'power', 5, past);
    expect(p.ts).toBe(past);
    runtime.ingest('pump-1', 'power', 6, Date.now() + 3_600_000);
    expect(Math.abs(p.ts - Date.now())).toBeLessThan(1000);
  });

  it('AL1: alarms are evaluated on the ingest path', () => {
    const twin = runtime.get('pump-1')!;
    runtime.ingest('pump-1', 'outletPressure', 7);
    expect(twin.alarms.get('pressureHigh')).toMatchObject({ severity: 'critical', value: 7, property: 'outletPressure' });
    runtime.ingest('pump-1', 'outletPressure', 6.4);
    expect(twin.alarms.has('pressureHigh')).toBe(true);
    runtime.ingest('pump-1', 'outletPressure', 6.1);
    expect(twin.alarms.has('pressureHigh')).toBe(false);
  });
});

describe('sparkline window', () => {
  it('TW7: keeps at most one sample per step and the newest HISTORY_SAMPLES, oldest first', () => {
    const h = new History();
    for (let i = 0; i < 10_000; i++) h.push(i * 10, i); // 100 Hz for 100 s
    const { t, v } = h.snapshot();
    expect(t.length).toBe(HISTORY_SAMPLES);
    expect(t[t.length - 1]).toBe(99_750);
    for (let i = 1; i < t.length; i++) expect(t[i]! - t[i - 1]!).toBe(HISTORY_STEP_MS);
    expect(v[0]).toBe(t[0]! / 10);
  });
});
