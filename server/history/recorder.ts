/**
 * Records every accepted numeric and boolean twin value (SPEC HS1–HS3). Each series (twin, property)
 * keeps its open minute in memory; every flush (≤ 5 s) writes the samples since the last one as a
 * part row, and a minute that has closed is rewritten as one row (part 0) replacing its parts, in
 * the same transaction. `stop()` (SIGTERM) writes every open minute whole. Values for a minute
 * already closed (a late HTTP batch with its own `ts`) go into a part row of their own.
 */
import { randomInt } from 'node:crypto';
import type { Logger } from '../log.js';
import type { AlarmEvent } from '../store/alarmEventsTable.js';
import { deleteParts, insertRows, type HistoryRow } from '../store/historyTable.js';
import type { Statement } from '../store/sqlClient.js';
import type { Store } from '../store/store.js';
import { packSamples } from './pack.js';

export const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** How often old rows are pruned, ms. */
const RETENTION_EVERY_MS = 10 * MINUTE_MS;
const RETENTION_BATCH = 2000;

export interface RecorderOptions {
  /** Flush interval, ms (≤ 5,000). */
  flushMs: number;
  retentionDays: number;
}

/** One minute of one series, growing as samples arrive. */
class Minute {
  off = new Uint16Array(64);
  val = new Float64Array(64);
  /** Booleans: ms credited to each sample (time since the previous one, capped at a minute) … */
  span = new Int32Array(64);
  /** … and whether the previous value was true during it. */
  prevTrue = new Uint8Array(64);
  n = 0;
  /** Samples already written as parts. */
  flushed = 0;
  readonly parts: number[] = [];

  constructor(readonly start: number) {}

  push(off: number, v: number, span: number, prevTrue: boolean): void {
    if (this.n === this.off.length) {
      const grow = <T extends Uint16Array | Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.off = grow(this.off, (n) => new Uint16Array(n));
      this.val = grow(this.val, (n) => new Float64Array(n));
      this.span = grow(this.span, (n) => new Int32Array(n));
      this.prevTrue = grow(this.prevTrue, (n) => new Uint8Array(n));
    }
    this.off[this.n] = off;
    this.val[this.n] = v;
    this.span[this.n] = span;
    this.prevTrue[this.n] = prevTrue ? 1 : 0;
    this.n++;
  }
}

class Series {
  open: Minute | null = null;
  /** Minutes closed since the last flush. */
  closed: Minute[] = [];
  /** Samples for minutes already closed, by minute. */
  late = new Map<number, Minute>();
  lastT = Number.NEGATIVE_INFINITY;
  lastV = Number.NaN;
  /** Part numbers, unique per series and writer. */
  nextPart = 1;

  constructor(
    readonly twin: string,
    readonly property: string,
  ) {}
}

export class HistoryRecorder {
  /** This process's writer id: parts of different processes and restarts never collide. */
  readonly writer = randomInt(1, 2 ** 31 - 1);
  private readonly series = new Map<string, Series>();
  private readonly dirty = new Set<Series>();
  private flushTimer: NodeJS.Timeout | null = null;
  private retentionTimer: NodeJS.Timeout | null = null;
  /** Values recorded since start (tests, bench). */
  recorded = 0;
  flushes = 0;

  constructor(
    private readonly store: Store,
    private readonly o: RecorderOptions,
    private readonly log: Logger,
  ) {}

  start(): void {
    this.flushTimer = setInterval(() => this.flush(), this.o.flushMs);
    this.prune();
    this.retentionTimer = setInterval(() => this.prune(), RETENTION_EVERY_MS);
  }

  /** One accepted value (`t` ms epoch; booleans as 1/0). */
  value(twin: string, property: string, t: number, v: number, boolean: boolean): void {
    const key = `${twin}\u0000${property}`;
    let s = this.series.get(key);
    if (!s) {
      s = new Series(twin, property);
      this.series.set(key, s);
    }
    const start = Math.floor(t / MINUTE_MS) * MINUTE_MS;
    let span = 0;
    let prevTrue = false;
    if (boolean && t >= s.lastT) {
      span = Number.isFinite(s.lastT) ? Math.min(t - s.lastT, MINUTE_MS) : 0;
      prevTrue = s.lastV === 1;
    }
    if (t >= s.lastT) {
      s.lastT = t;
      s.lastV = v;
    }
    let m: Minute;
    if (!s.open || start > s.open.start) {
      if (s.open) s.closed.push(s.open);
      m = s.open = new Minute(start);
    } else if (start === s.open.start) m = s.open;
    else {
      m = s.late.get(start) ?? new Minute(start);
      s.late.set(start, m);
    }
    m.push(t - start, v, span, prevTrue);
    this.dirty.add(s);
    this.recorded++;
  }

  /** An alarm raised, cleared or acknowledged (SPEC HS6): written at once, it is rare. */
  alarm(e: AlarmEvent): void {
    this.store.recordAlarm(e);
  }

  /** Queues what arrived since the last flush. `all`: write open minutes whole too (shutdown). */
  flush(all = false): void {
    const rows: HistoryRow[] = [];
    const deletes: { s: Series; m: Minute }[] = [];
    let bytes = 0;
    const whole = (s: Series, m: Minute) => {
      if (m.n === 0) return;
      rows.push(this.row(s, m, 0, 0, m.n));
      if (m.parts.length > 0) deletes.push({ s, m });
      bytes += m.n * 6 + 100;
    };
    for (const s of this.dirty) {
      for (const m of s.closed) whole(s, m);
      s.closed = [];
      for (const m of s.late.values()) {
        rows.push(this.row(s, m, s.nextPart++, 0, m.n));
        bytes += m.n * 6 + 100;
      }
      s.late.clear();
      const m = s.open;
      if (!m) continue;
      if (all) {
        whole(s, m);
        s.open = null;
      } else if (m.n > m.flushed) {
        const part = s.nextPart++;
        rows.push(this.row(s, m, part, m.flushed, m.n));
        bytes += (m.n - m.flushed) * 6 + 100;
        m.parts.push(part);
        m.flushed = m.n;
      }
    }
    this.dirty.clear();
    if (all) for (const s of this.series.values()) if (s.open && s.open.n > 0) whole(s, s.open);
    if (rows.length === 0) return;
    this.flushes++;
    const writer = this.writer;
    this.store.writeHistory(
      (db): Statement[] => [
        ...insertRows(db, rows),
        ...deletes.map(({ s, m }) => deleteParts(db, s.twin, s.property, m.start, writer, m.parts)),
      ],
      bytes,
    );
  }

  /** Stops the timers and queues every sample held (SIGTERM loses nothing). */
  stop(): void {
    if (this.flushTimer) clearInterval(this.flushTimer);
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    this.flush(true);
    this.series.clear();
  }

  private prune(): void {
    const before = Math.floor((Date.now() - this.o.retentionDays * DAY_MS) / MINUTE_MS) * MINUTE_MS;
    this.log.debug({ before: new Date(before).toISOString() }, 'history retention');
    this.store.pruneHistory(before, RETENTION_BATCH);
  }

  private row(s: Series, m: Minute, part: number, from: number, to: number): HistoryRow {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    let trueMs = 0;
    let spanMs = 0;
    for (let i = from; i < to; i++) {
      const v = m.val[i]!;
      if (v < min) min = v;
      if (v > max) max = v;
      sum += v;
      spanMs += m.span[i]!;
      if (m.prevTrue[i]) trueMs += m.span[i]!;
    }
    return {
      twin: s.twin,
      property: s.property,
      minute: m.start,
      writer: this.writer,
      part,
      n: to - from,
      min,
      max,
      sum,
      first: m.val[from]!,
      last: m.val[to - 1]!,
      firstMs: m.off[from]!,
      lastMs: m.off[to - 1]!,
      trueMs,
      spanMs,
      samples: packSamples(m.off, m.val, from, to),
    };
  }
}
