/** SQL of the `twin_commands` table (SPEC ST1, ST4): plain parameterised statements for both back ends. */
import type { StoredCommand, StoredCommandStatus } from './commandStore.js';
import type { Db } from './sqlClient.js';

interface Row {
  id: string;
  twin: string;
  action: string;
  input: unknown;
  by_session: string;
  by_name: string;
  space: string;
  status: StoredCommandStatus;
  reason: string;
  at: Date | string;
  done_at: Date | string | null;
}

export const LOST_REASON = 'the server that sent it stopped before the device answered (found pending later)';

export async function insertCommand(db: Db, c: StoredCommand): Promise<void> {
  await db.client.query(
    `INSERT INTO ${db.schema}.twin_commands (id, twin, action, input, by_session, by_name, space, status, reason, at, done_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10 / 1000.0), CASE WHEN $11::float8 IS NULL THEN NULL ELSE to_timestamp($11::float8 / 1000.0) END)
     ON CONFLICT (id) DO NOTHING`,
    [
      c.id,
      c.twin,
      c.action,
      c.input === undefined ? null : JSON.stringify(c.input),
      c.bySession,
      c.byName,
      c.space,
      c.status,
      c.reason,
      c.at,
      c.doneAt,
    ],
  );
}

export async function completeCommand(db: Db, id: string, status: StoredCommandStatus, reason: string, doneAt: number): Promise<void> {
  await db.client.query(
    `UPDATE ${db.schema}.twin_commands SET status = $2, reason = $3, done_at = to_timestamp($4 / 1000.0) WHERE id = $1 AND status = 'pending'`,
    [id, status, reason, doneAt],
  );
}

/** Pending commands sent before `before` (ms epoch) become `lost`; how many. */
export async function markLost(db: Db, before: number): Promise<number> {
  const { rows } = await db.client.query<{ n: number | string }>(
    `WITH d AS (UPDATE ${db.schema}.twin_commands SET status = 'lost', reason = $2, done_at = now()
       WHERE status = 'pending' AND at < to_timestamp($1 / 1000.0) RETURNING 1)
     SELECT count(*) AS n FROM d`,
    [before, LOST_REASON],
  );
  return Number(rows[0]?.n ?? 0);
}

export async function recentCommands(db: Db, twin: string, limit: number): Promise<StoredCommand[]> {
  const { rows } = await db.client.query<Row>(`SELECT * FROM ${db.schema}.twin_commands WHERE twin = $1 ORDER BY at DESC LIMIT $2`, [
    twin,
    limit,
  ]);
  return rows.map((r) => ({
    id: r.id,
    twin: r.twin,
    action: r.action,
    input: typeof r.input === 'string' ? (JSON.parse(r.input) as unknown) : r.input,
    bySession: r.by_session,
    byName: r.by_name,
    space: r.space,
    status: r.status,
    reason: r.reason,
    at: new Date(r.at).getTime(),
    doneAt: r.done_at === null ? null : new Date(r.done_at).getTime(),
  }));
}
