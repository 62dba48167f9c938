/**
 * Long reads of packed samples without holding the event loop (SPEC HS8): an hour at 20 Hz is 72,000
 * samples to decode, a truncated 30 s-step answer up to 1.2 million, and the room's ticks share this
 * thread. Rows are read from the store a window of minutes at a time and decoded a minute at a time;
 * after each minute, once SLICE_MS of work has run, the loop gets a turn (setImmediate) before the
 * next. The answer is the same as decoding everything at once (buckets.ts).
 */
import type { HistoryRow } from '../store/historyTable.js';
import type { Store } from '../store/store.js';
import { Bucketer, samplesOf, type Bucket, type Samples } from './buckets.js';

/** Longest stretch of decoding between two turns of the event loop, ms. */
export const SLICE_MS = 4;
/** Minutes of rows read per query: bounds the memory and the driver's parsing per read. */
export const WINDOW_MINUTES = 30;
const MINUTE_MS = 60_000;
/** Most rows per minute read (parts of several writers included). */
const ROWS_PER_READ = 100_000;

/** Gives the event loop a turn whenever SLICE_MS of work has run since the last one. */
export class LoopSlicer {
  private since: number;
  /** Turns given (tests, bench). */
  turns = 0;

  /** `now`: a clock in ms (tests inject one). */
  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly sliceMs = SLICE_MS,
  ) {
    this.since = now();
  }

  async slice(): Promise<void> {
    if (this.now() - this.since < this.sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.turns++;
    this.since = this.now();
  }
}

/** The store call these reads use. */
export type RowSource = Pick<Store, 'historyRows'>;

/**
 * Calls `each` with the samples of every minute row of [from, to] (ms, inclusive), minute by minute in
 * time order, the loop getting a turn between minutes (see above).
 */
export async function forEachMinute(
  source: RowSource,
  twin: string,
  property: string,
  from: number,
  to: number,
  each: (s: Samples) => void,
  slicer = new LoopSlicer(),
): Promise<void> {
  const last = Math.floor(to / MINUTE_MS) * MINUTE_MS;
  for (let cur = Math.floor(from / MINUTE_MS) * MINUTE_MS; cur <= last; cur += WINDOW_MINUTES * MINUTE_MS) {
    const end = Math.min(cur + (WINDOW_MINUTES - 1) * MINUTE_MS, last);
    const rows = await source.historyRows(twin, property, cur, end, true, ROWS_PER_READ);
    // Rows come ordered by minute; one minute's rows (several parts or writers) are decoded together
    // so that their samples are sorted among themselves, as samplesOf does for the whole.
    let i = 0;
    while (i < rows.length) {
      let j = i + 1;
      while (j < rows.length && rows[j]!.minute === rows[i]!.minute) j++;
      each(samplesOf(rows.slice(i, j) as HistoryRow[], from, to));
      i = j;
      await slicer.slice();
    }
  }
}

/** Buckets of `step` ms (under a minute) over [first, end] from the samples, decoded in slices. */
export async function sampleBuckets(
  source: RowSource,
  twin: string,
  property: string,
  first: number,
  end: number,
  step: number,
  boolean: boolean,
  slicer = new LoopSlicer(),
): Promise<Bucket[]> {
  const b = new Bucketer(step, boolean);
  await forEachMinute(
    source,
    twin,
    property,
    first,
    end,
    (s) => {
      for (let k = 0; k < s.t.length; k++) b.add(s.t[k]!, s.v[k]!);
    },
    slicer,
  );
  return b.finish();
}

/** The samples of [from, to] in time order, decoded in slices. */
export async function samplesSliced(
  source: RowSource,
  twin: string,
  property: string,
  from: number,
  to: number,
  slicer = new LoopSlicer(),
): Promise<Samples> {
  const acc: Samples = { t: [], v: [] };
  await forEachMinute(
    source,
    twin,
    property,
    from,
    to,
    (s) => {
      for (let k = 0; k < s.t.length; k++) {
        acc.t.push(s.t[k]!);
        acc.v.push(s.v[k]!);
      }
    },
    slicer,
  );
  return acc;
}
