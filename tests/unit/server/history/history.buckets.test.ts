/** Bucket maths fed a slice at a time and the faster shortest float32 decimal (SPEC HS1, HS4, HS5, HS8): same answers. */
import { describe, expect, it } from 'vitest';
import { Bucketer, bucketsFromSamples, type Samples } from '../../../../server/history/buckets.js';
import { float32Digits } from '../../../../server/history/pack.js';

/** Feeds `s` cut at `cuts` (indexes), as the sliced reads do minute by minute. */
function sliced(s: Samples, step: number, boolean: boolean, cuts: number[]) {
  const b = new Bucketer(step, boolean);
  let from = 0;
  for (const to of [...cuts, s.t.length]) {
    for (let i = from; i < to; i++) b.add(s.t[i]!, s.v[i]!);
    from = to;
  }
  return b.finish();
}

describe('history buckets in slices', () => {
  it('HS8 HS4: numbers: a bucket open at the end of a slice carries on into the next', () => {
    const t = [0, 400, 999, 1000, 1500, 2999, 3000, 7200];
    const s = { t, v: [5, 1, 9, 2, 2, 7, 3.5, -1] };
    const whole = bucketsFromSamples(s, 1000, false);
    expect(whole).toEqual([
      { t: 0, n: 3, min: 1, avg: 5, max: 9, first: 5, last: 9 },
      { t: 1000, n: 2, min: 2, avg: 2, max: 2, first: 2, last: 2 },
      { t: 2000, n: 1, min: 7, avg: 7, max: 7, first: 7, last: 7 },
      { t: 3000, n: 1, min: 3.5, avg: 3.5, max: 3.5, first: 3.5, last: 3.5 },
      { t: 7000, n: 1, min: -1, avg: -1, max: -1, first: -1, last: -1 },
    ]);
    expect(sliced(s, 1000, false, [1, 2, 5])).toEqual(whole);
  });

  it('HS8 HS5: booleans: the gap from the last sample of one slice counts in the next', () => {
    const s = { t: [0, 10_000, 30_000, 60_000, 75_000, 200_000], v: [1, 0, 1, 1, 0, 1] };
    const whole = bucketsFromSamples(s, 60_000, true);
    expect(whole).toEqual([
      { t: 0, n: 3, first: true, last: true, fraction: 10_000 / 30_000 },
      { t: 60_000, n: 2, first: true, last: false, fraction: (30_000 + 15_000) / 45_000 },
      // The 125 s gap counts for one minute at most, while false.
      { t: 180_000, n: 1, first: true, last: true, fraction: 0 },
    ]);
    expect(sliced(s, 60_000, true, [3, 4])).toEqual(whole);
  });
});

describe('float32 digits', () => {
  it('HS1 HS8: the shortest decimal of a float32 is the one trying 1 to 9 digits in turn gives', () => {
    const slow = (f: number) => {
      for (let p = 1; p < 9; p++) {
        const d = Number(f.toPrecision(p));
        if (Math.fround(d) === f) return d;
      }
      return Number(f.toPrecision(9));
    };
    // Every kind of float32: short decimals, noisy readings, powers of two, tiny and huge, a seeded walk.
    const values = [0, -0, 1, 3.4, 0.1, 1e-7, 2 ** -20, 2 ** 30, 123456, 1234567, 16777217, -5.5e-3, 3.4028235e38, 1.17549435e-38];
    let x = 0x2545f491;
    for (let i = 0; i < 20_000; i++) {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      const bits = new Uint32Array([x >>> 0]);
      const f = new Float32Array(bits.buffer)[0]!;
      if (Number.isFinite(f)) values.push(f);
      values.push(Math.fround(((x >>> 0) % 100_000) / 1000), Math.fround(2 ** ((x % 60) - 30)));
    }
    for (const v of values) {
      const f = Math.fround(v);
      expect(Object.is(float32Digits(f), slow(f)) ? f : [f, float32Digits(f), slow(f)]).toBe(f);
    }
  });
});
