/**
 * SQL of `twin_history` (SPEC HS1): one row per series (twin, property) per minute and per recording
 * process (`writer`), with a header (n, min, max, sum, first, last, and for booleans the time true
 * over the time covered) and the minute's samples packed in `samples` (server/history/pack.ts). While
 * a minute is open each flush adds a `part` (1, 2 …) with the samples since the last flush; when
 * it closes its writer replaces those parts by one row, part 0, in one transaction.
 */
import type { Db, Statement } from './sqlClient.js';

export interface HistoryRow {
  twin: string;
  property: string;
  /** Start of the UTC minute, ms since epoch. */
  minute: number;
  writer: number;
  part: number;
  n: number;
  min: number;
  max: number;
  sum: number;
  first: number;
  last: number;
  /** Offsets of the first and last sample in the minute, ms (rows of several writers interleave). */
  firstMs: number;
  lastMs: number;
  /** Booleans: ms of the covered time the value was true; 0 for numbers. */
  trueMs: number;
  /** Booleans: ms of time covered (the gaps between samples, each capped at a minute). */
  spanMs: number;
  samples: Uint8Array;
}

/** Rows per INSERT statement (16 parameters each, well under PostgreSQL's 65,535). */
const ROWS_PER_INSERT = 400;
const COLUMNS = 'twin, property, minute, writer, part, n, min, max, sum, first, last, first_ms, last_ms, true_ms, span_ms, samples';

export function insertRows(db: Db, rows: readonly HistoryRow[]): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const chunk = rows.slice(i, i + ROWS_PER_INSERT);
    const params: unknown[] = [];
    const values = chunk.map((r) => {
      const b = params.length;
      params.push(
        r.twin,
        r.property,
        r.minute,
        r.writer,
        r.part,
        r.n,
        r.min,
        r.max,
        r.sum,
        r.first,
        r.last,
        r.firstMs,
        r.lastMs,
        r.trueMs,
        r.spanMs,
        r.samples,
      );
      return `(${Array.from({ length: 16 }, (_, k) => `$${b + k + 1}`).join(', ')})`;
    });
    // A retried flush (the database went away after committing) must not fail on its own rows.
    out.push({
      text: `INSERT INTO ${db.schema}.twin_history (${COLUMNS}) VALUES ${values.join(', ')} ON CONFLICT DO NOTHING`,
      params,
    });
  }
  return out;
}

/** Deletes the given parts of one minute of one series, written by `writer`. */
export function deleteParts(db: Db, twin: string, property: string, minute: number, writer: number, parts: readonly number[]): Statement {
  const list = parts.map((p) => Math.trunc(p)).join(', ');
  return {
    text: `DELETE FROM ${db.schema}.twin_history WHERE twin = $1 AND property = $2 AND minute = $3 AND writer = $4 AND part IN (${list})`,
    params: [twin, property, minute, writer],
  };
}

interface RawRow {
  minute: number | string;
  writer: number;
  part: number;
  n: number;
  min: number;
  max: number;
  sum: number;
  first: number;
  last: number;
  first_ms: number;
  last_ms: number;
  true_ms: number;
  span_ms: number;
  samples?: Uint8Array;
}

/**
 * Rows of one series whose minute lies in [fromMinute, toMinute], oldest first (then writer, part).
 * Headers only unless `withSamples`; at most `limit` rows.
 */
export async function readRows(
  db: Db,
  twin: string,
  property: string,
  fromMinute: number,
  toMinute: number,
  withSamples: boolean,
  limit: number,
): Promise<HistoryRow[]> {
  const { rows } = await db.client.query<RawRow>(
    `SELECT minute, writer, part, n, min, max, sum, first, last, first_ms, last_ms, true_ms, span_ms${withSamples ? ', samples' : ''}
     FROM ${db.schema}.twin_history WHERE twin = $1 AND property = $2 AND minute >= $3 AND minute <= $4
     ORDER BY minute, writer, part LIMIT $5`,
    [twin, property, fromMinute, toMinute, limit],
  );
  return rows.map((r) => ({
    twin,
    property,
    minute: Number(r.minute),
    writer: r.writer,
    part: r.part,
    n: r.n,
    min: r.min,
    max: r.max,
    sum: r.sum,
    first: r.first,
    last: r.last,
    firstMs: r.first_ms,
    lastMs: r.last_ms,
    trueMs: r.true_ms,
    spanMs: r.span_ms,
    samples: r.samples ?? new Uint8Array(0),
  }));
}

/** One bucket of headers aggregated by the database (steps of whole minutes). */
export interface HeaderBucket {
  t: number;
  n: number;
  min: number;
  max: number;
  sum: number;
  first: number;
  last: number;
  trueMs: number;
  spanMs: number;
}

/**
 * Aggregates the headers of one series over [fromMinute, toMinute] into buckets of `stepMs` (a whole
 * number of minutes) aligned on the epoch: the database reads no samples, so a day at one-minute
 * steps is 1,440 small rows (SPEC HS4).
 */
export async function aggregateHeaders(
  db: Db,
  twin: string,
  property: string,
  fromMinute: number,
  toMinute: number,
  stepMs: number,
): Promise<HeaderBucket[]> {
  const { rows } = await db.client.query<Record<string, number | string>>(
    `SELECT (minute / $5::bigint) * $5::bigint AS t, sum(n)::float8 AS n, min(min) AS min, max(max) AS max, sum(sum) AS sum,
       (array_agg(first ORDER BY minute + first_ms))[1] AS first, (array_agg(last ORDER BY minute + last_ms DESC))[1] AS last,
       sum(true_ms)::float8 AS true_ms, sum(span_ms)::float8 AS span_ms
     FROM ${db.schema}.twin_history WHERE twin = $1 AND property = $2 AND minute >= $3 AND minute <= $4
     GROUP BY 1 ORDER BY 1`,
    [twin, property, fromMinute, toMinute, stepMs],
  );
  return rows.map((r) => ({
    t: Number(r.t),
    n: Number(r.n),
    min: Number(r.min),
    max: Number(r.max),
    sum: Number(r.sum),
    first: Number(r.first),
    last: Number(r.last),
    trueMs: Number(r.true_ms),
    spanMs: Number(r.span_ms),
  }));
}

/** Deletes at most `batch` rows older than `beforeMinute` (retention, SPEC HS3); how many. */
export async function deleteOlder(db: Db, beforeMinute: number, batch: number): Promise<number> {
  const t = `${db.schema}.twin_history`;
  const { rows } = await db.client.query<{ n: number | string }>(
    `WITH d AS (DELETE FROM ${t} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${t} WHERE minute < $1 LIMIT $2)) RETURNING 1)
     SELECT count(*) AS n FROM d`,
    [beforeMinute, batch],
  );
  return Number(rows[0]?.n ?? 0);
}
