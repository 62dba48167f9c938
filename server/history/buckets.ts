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

/**
 * Buckets samples fed in time order, possibly in several calls (a long range is read and decoded a
 * slice at a time, server/history/sampleBuckets.ts): the bucket open at the end of one slice carries
 * on into the next, and so does the previous sample a boolean's gap is measured from.
 */
export class Bucketer {
  readonly out: Bucket[] = [];
  private t0 = Number.NaN;
  private n = 0;
  private min = 0;
  private max = 0;
  private sum = 0;
  private first = 0;
  private last = 0;
  private span = 0;
  private on = 0;
  private prevT = Number.NaN;
  private prevV = 0;

  constructor(
    private readonly step: number,
    private readonly boolean: boolean,
  ) {}

  add(t: number, v: number): void {
    if (this.n === 0 || t >= this.t0 + this.step) {
      this.close();
      this.t0 = Math.floor(t / this.step) * this.step;
      this.n = 0;
      this.min = Number.POSITIVE_INFINITY;
      this.max = Number.NEGATIVE_INFINITY;
      this.sum = 0;
      this.span = 0;
      this.on = 0;
      this.first = v;
    }
    this.n++;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
    this.sum += v;
    this.last = v;
    if (this.boolean && !Number.isNaN(this.prevT)) {
      const dt = Math.min(t - this.prevT, MINUTE_MS);
      this.span += dt;
      if (this.prevV === 1) this.on += dt;
    }
    this.prevT = t;
    this.prevV = v;
  }

  /** The buckets so far, the open one included (call once all samples are in). */
  finish(): Bucket[] {
    this.close();
    this.n = 0;
    return this.out;
  }

  private close(): void {
    if (this.n === 0) return;
    const { t0: t, n } = this;
    this.out.push(
      this.boolean
        ? { t, n, first: this.first === 1, last: this.last === 1, fraction: this.span > 0 ? this.on / this.span : null }
        : { t, n, min: this.min, avg: this.sum / n, max: this.max, first: this.first, last: this.last },
    );
  }
}

export function bucketsFromSamples(s: Samples, step: number, boolean: boolean): Bucket[] {
  const b = new Bucketer(step, boolean);
  for (let i = 0; i < s.t.length; i++) b.add(s.t[i]!, s.v[i]!);
  return b.finish();
}
