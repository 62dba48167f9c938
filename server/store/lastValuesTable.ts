/**
 * SQL of `twin_last_values` (SPEC RS4): each twin property's last accepted value and its source
 * timestamp, one row per property, upserted by the last-value snapshot (server/twins/lastValues.ts).
 */
import type { Db, Statement } from './sqlClient.js';

export interface LastValue {
  twin: string;
  property: string;
  value: unknown;
  /** Source timestamp, ms since epoch. */
  ts: number;
}

/** Rows per statement (4 parameters each). */
const ROWS_PER_UPSERT = 500;

export function upsertLastValues(db: Db, rows: readonly LastValue[]): Statement[] {
  const out: Statement[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_UPSERT) {
    const params: unknown[] = [];
    const values = rows.slice(i, i + ROWS_PER_UPSERT).map((r) => {
      const b = params.length;
      params.push(r.twin, r.property, JSON.stringify(r.value), r.ts);
      return `($${b + 1}, $${b + 2}, $${b + 3}::jsonb, $${b + 4})`;
    });
    out.push({
      text: `INSERT INTO ${db.schema}.twin_last_values (twin, property, value, ts) VALUES ${values.join(', ')}
             ON CONFLICT (twin, property) DO UPDATE SET value = EXCLUDED.value, ts = EXCLUDED.ts`,
      params,
    });
  }
  return out;
}

export async function readLastValues(db: Db): Promise<LastValue[]> {
  const { rows } = await db.client.query<{ twin: string; property: string; value: unknown; ts: string | number }>(
    `SELECT twin, property, value, ts FROM ${db.schema}.twin_last_values`,
  );
  return rows.map((r) => ({ twin: r.twin, property: r.property, value: r.value, ts: Number(r.ts) }));
}
