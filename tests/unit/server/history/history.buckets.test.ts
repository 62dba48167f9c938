/** Bucket maths fed a slice at a time (SPEC HS4, HS5, HS8): the same buckets as all at once. */
import { describe, expect, it } from 'vitest';
import { Bucketer, bucketsFromSamples, type Samples } from '../../../../server/history/buckets.js';

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
