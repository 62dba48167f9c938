/**
 * Turns stored rows into the API's buckets and samples (SPEC HS4, HS5): numbers get n, min, avg, max,
 * first, last; booleans n, first, last and the fraction of the time they were true (each gap between
 * two samples, capped at a minute, counts for the earlier sample's value).
 */
import type { HeaderBucket, HistoryRow } from '../store/historyTable.js';
import { unpackSamples } from './pack.js';

export type Bucket =
  | { t: number; n: number; min: number; avg: number; max: number; first: number; last: number }
  | { t: number; n: number; first: boolean; last: boolean; fraction: number | null };

export interface Samples {
  t: number[];
  v: number[];
}

const MINUTE_MS = 60_000;

/** The samples of `rows` with from ≤ t ≤ to, in time order. */
export function samplesOf(rows: readonly HistoryRow[], from: number, to: number): Samples {
  const t: number[] = [];
  const v: number[] = [];
  let ordered = true;
  for (const r of rows)
    unpackSamples(r.samples, (off, value) => {
      const at = r.minute + off;
      if (at < from || at > to) return;
      if (t.length > 0 && at < t[t.length - 1]!) ordered = false;
      t.push(at);
      v.push(value);
    });
  if (ordered) return { t, v };
  const idx = t.map((_, i) => i).sort((a, b) => t[a]! - t[b]! || a - b);
  return { t: idx.map((i) => t[i]!), v: idx.map((i) => v[i]!) };
}

export function bucketsFromHeaders(headers: readonly HeaderBucket[], boolean: boolean): Bucket[] {
  return headers.map((h) =>
    boolean
      ? { t: h.t, n: h.n, first: h.first === 1, last: h.last === 1, fraction: h.spanMs > 0 ? h.trueMs / h.spanMs : null }
      : { t: h.t, n: h.n, min: h.min, avg: h.sum / h.n, max: h.max, first: h.first, last: h.last },
  );
}

export function bucketsFromSamples(s: Samples, step: number, boolean: boolean): Bucket[] {
  const out: Bucket[] = [];
  let i = 0;
  while (i < s.t.length) {
    const t0 = Math.floor(s.t[i]! / step) * step;
    let n = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    let span = 0;
    let on = 0;
    const first = s.v[i]!;
    let last = first;
    for (; i < s.t.length && s.t[i]! < t0 + step; i++) {
      const v = s.v[i]!;
      n++;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      last = v;
      if (boolean && i > 0) {
        const dt = Math.min(s.t[i]! - s.t[i - 1]!, MINUTE_MS);
        span += dt;
        if (s.v[i - 1] === 1) on += dt;
      }
    }
    out.push(
      boolean
        ? { t: t0, n, first: first === 1, last: last === 1, fraction: span > 0 ? on / span : null }
        : { t: t0, n, min, avg: sum / n, max, first, last },
    );
  }
  return out;
}
