/** Packed samples and the API's parameters (SPEC HS1, HS4): pure functions, no database. */
import { describe, expect, it } from 'vitest';
import { packSamples, unpackSamples } from '../../../../server/history/pack.js';
import { autoStep, parseCursor, parseStep, parseTime } from '../../../../server/history/params.js';

describe('history packing and parameters', () => {
  it('HS1: samples round-trip, out-of-order ones included, as float32', () => {
    const off = [0, 50, 100, 40, 59_999];
    const val = [1.5, -2.25, 3.4, 1e6, 0];
    const bytes = packSamples(off, val, 1, 5);
    expect(bytes.byteLength).toBe(4 * 6);
    const got: [number, number][] = [];
    unpackSamples(bytes, (o, v) => got.push([o, v]));
    expect(got).toEqual([
      [50, -2.25],
      [100, Math.fround(3.4)],
      [40, 1e6],
      [59_999, 0],
    ]);
  });

  it('HS4: times: epoch ms, ISO 8601, now and now-<n><unit>; anything else refused', () => {
    const now = Date.UTC(2026, 11, 1, 12);
    expect(parseTime('1733050000000', now)).toBe(1733050000000);
    expect(parseTime('now', now)).toBe(now);
    expect(parseTime('now-15m', now)).toBe(now - 900_000);
    expect(parseTime('now-24h', now)).toBe(now - 86_400_000);
    expect(parseTime('2026-12-01T10:00:00Z', now)).toBe(Date.UTC(2026, 11, 1, 10));
    for (const bad of ['yesterday', 'now+5m', 'now-5', '2026-13-45', 'March 7', '', '1e12']) expect(parseTime(bad, now)).toBeNull();
  });

  it('HS4: steps divide a minute or are whole minutes; the automatic one gives ≤ 500 buckets', () => {
    expect(parseStep('raw')).toBe('raw');
    expect(parseStep('10s')).toBe(10_000);
    expect(parseStep('1h')).toBe(3_600_000);
    for (const bad of ['7s', '90s', '0s', '500ms', '1.5m', 'fast']) expect(parseStep(bad)).toBeNull();
    expect(autoStep(0, 15 * 60_000)).toBe(2000);
    expect(autoStep(0, 86_400_000)).toBe(300_000);
    expect(autoStep(0, 7 * 86_400_000)).toBe(1_800_000);
    expect(parseCursor('1733050000000.3')).toEqual({ t: 1733050000000, skip: 3 });
    expect(parseCursor('x.1')).toBeNull();
  });
});
