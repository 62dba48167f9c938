/**
 * SQL of revoked join tokens (SPEC JT7): `token_revocations`, one row per revocation — a token's
 * `jti`, or a whole space's tokens issued before a moment. Times are ms since the Unix epoch.
 */
import type { Db } from './sqlClient.js';

export type Revocation =
  | { kind: 'jti'; jti: string; at: number; until: number; by: string }
  | { kind: 'space'; space: string; before: number; at: number; until: number; by: string };

export async function insertRevocation(db: Db, r: Revocation): Promise<void> {
  await db.client.query(
    `INSERT INTO ${db.schema}.token_revocations (jti, space, before, at, until, by_name) VALUES ($1, $2, $3, $4, $5, $6)`,
    [r.kind === 'jti' ? r.jti : null, r.kind === 'space' ? r.space : null, r.kind === 'space' ? r.before : null, r.at, r.until, r.by],
  );
}

/** Every revocation still in force at `now`; the expired ones are deleted first. */
export async function readRevocations(db: Db, now: number): Promise<Revocation[]> {
  const t = `${db.schema}.token_revocations`;
  await db.client.query(`DELETE FROM ${t} WHERE until <= $1`, [now]);
  const { rows } = await db.client.query<{
    jti: string | null;
    space: string | null;
    before: string | null;
    at: string;
    until: string;
    by_name: string;
  }>(`SELECT jti, space, before, at, until, by_name FROM ${t} ORDER BY id`);
  return rows.map((r) =>
    r.jti !== null
      ? { kind: 'jti', jti: r.jti, at: Number(r.at), until: Number(r.until), by: r.by_name }
      : { kind: 'space', space: r.space ?? '', before: Number(r.before), at: Number(r.at), until: Number(r.until), by: r.by_name },
  );
}
