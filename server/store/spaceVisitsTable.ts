/**
 * SQL of when each space was last visited (`space_visits`, SPEC RS8) and of pruning what abandoned
 * spaces kept: their chat and board rows. Times are ms since the Unix epoch.
 */
import type { Db } from './sqlClient.js';

/** Records a visit to each of `spaces` at `at` (a later visit already recorded stays). */
export async function touchVisits(db: Db, spaces: readonly string[], at: number): Promise<void> {
  if (spaces.length === 0) return;
  const t = `${db.schema}.space_visits`;
  await db.client.query(
    `INSERT INTO ${t} AS v (space, last_visit) SELECT s, $2 FROM unnest($1::text[]) AS s
     ON CONFLICT (space) DO UPDATE SET last_visit = GREATEST(v.last_visit, EXCLUDED.last_visit)`,
    [[...new Set(spaces)], at],
  );
}

/**
 * Deletes the chat, board and visit rows of at most `batch` spaces last visited before `before`,
 * skipping `open` (spaces this process holds). One statement, so a visit recorded meanwhile by
 * another process either lands first (the space is kept) or after (it starts afresh): a space is
 * never half pruned. Returns the spaces pruned.
 */
export async function pruneAbandoned(db: Db, before: number, open: readonly string[], batch: number): Promise<string[]> {
  const s = db.schema;
  const { rows } = await db.client.query<{ space: string }>(
    `WITH gone AS (
       DELETE FROM ${s}.space_visits WHERE last_visit < $1 AND space IN (
         SELECT space FROM ${s}.space_visits WHERE last_visit < $1 AND NOT (space = ANY($2::text[]))
         ORDER BY last_visit LIMIT $3)
       RETURNING space),
     chat AS (DELETE FROM ${s}.space_chat WHERE space IN (SELECT space FROM gone)),
     board AS (DELETE FROM ${s}.board_strokes WHERE space IN (SELECT space FROM gone))
     SELECT space FROM gone ORDER BY space`,
    [before, [...open], batch],
  );
  return rows.map((r) => r.space);
}

/** When `space` was last visited (ms epoch), or null when no visit is recorded (tests, tools). */
export async function lastVisit(db: Db, space: string): Promise<number | null> {
  const { rows } = await db.client.query<{ last_visit: string | number }>(
    `SELECT last_visit FROM ${db.schema}.space_visits WHERE space = $1`,
    [space],
  );
  return rows[0] ? Number(rows[0].last_visit) : null;
}
