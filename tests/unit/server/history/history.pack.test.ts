/** Packed samples and the API's parameters (SPEC HS1, HS4): pure functions, no database. */
import { describe, expect, it } from 'vitest';
import { packSamples, unpackSamples } from '../../../../server/history/pack.js';
import { autoStep, parseCursor, parseStep, parseTime } from '../../../../server/history/params.js';

describe('history packing and parameters', () => {
  it('HS1: samples round-trip, out-of-order ones included, with the digits they were recorded with', () => {
    const off = [0, 50, 100, 40, 59_999];
    const val = [1.5, -2.25, 3.4, 1e6, 0];
    const bytes = packSamples(off, val, 1, 5);
    expect(bytes.byteLength).toBe(9 + 4 * 6);
    const got: [number, number][] = [];
    unpackSamples(bytes, (o, v) => got.push([o, v]));
    expect(got).toEqual([
      [50, -2.25],
      [100, 3.4],
      [40, 1e6],
      [59_999, 0],
    ]);
  });

  it('HS1 GS13: a latitude and longitude come back within a millimetre (differences from the row’s first sample go through float32, not the degrees)', () => {
    // An AGV in Bremen for a minute, 4 samples a second, 1.2 m/s north-east: float32 degrees would be ~0.4 m off.
    const off = Array.from({ length: 240 }, (_, i) => i * 250);
    const metresPerDegree = 111_320;
    const lat = off.map((o) => 53.1255123456 + (o / 1000) * (0.85 / metresPerDegree));
    const lon = off.map((o) => 8.7355987654 + (o / 1000) * (0.85 / (metresPerDegree * Math.cos((53.1255 * Math.PI) / 180))));
    for (const values of [lat, lon]) {
      const got: number[] = [];
      unpackSamples(packSamples(off, values, 0, 240), (_, v) => got.push(v));
      const worst = Math.max(...got.map((v, i) => Math.abs(v - values[i]!)));
      expect(worst * metresPerDegree).toBeLessThan(0.001);
    }
  });

  it('HS1: rows written before (format 1: float32 values, no format byte) still read', () => {
    const off = [0, 1000, 2000];
    const val = [3.4, 21.5, -7.25];
    const old = new Uint8Array(3 * 6);
    const view = new DataView(old.buffer);
    off.forEach((o, i) => {
      view.setUint16(i * 2, i === 0 ? o : o - off[i - 1]!, true);
      view.setFloat32(3 * 2 + i * 4, val[i]!, true);
    });
    const got: [number, number][] = [];
    unpackSamples(old, (o, v) => got.push([o, v]));
    expect(got).toEqual([
      [0, 3.4],
      [1000, 21.5],
      [2000, -7.25],
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
