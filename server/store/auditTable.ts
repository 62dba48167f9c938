/**
 * SQL of `audit` (SPEC AU1–AU4): everything that changed a machine or a space, append-only (the
 * database refuses UPDATE and DELETE, migration 4). Read newest first in pages: a cursor is the id of
 * the last entry a page gave.
 */
import type { AuditKind } from '../../shared/protocol/activity.js';
import type { Db } from './sqlClient.js';

export interface AuditEntry {
  /** ms since the Unix epoch. */
  at: number;
  /** The space it happened in; '' when not in a space (an HTTP request). */
  space: string;
  /** The machine it changed; '' for actions on the space. */
  twin: string;
  kind: AuditKind;
  actor: { session: string; name: string };
  /** What it was done to or with, in words (action title, alarm message, part, person). */
  subject: string;
  /** The particulars: command id, action, input, outcome, note text … (JSON). */
  detail: Record<string, unknown>;
}

/** An entry as read back, with its id (the cursor order). */
export interface StoredAuditEntry extends AuditEntry {
  id: number;
}

export interface AuditQuery {
  space?: string;
  twin?: string;
  from: number;
  to: number;
  /** Only entries older than this id (the cursor); none for the first page. */
  before?: number;
  limit: number;
}

interface Row {
  id: string | number;
  at: Date | string;
  space: string;
  twin: string;
  kind: AuditKind;
  actor_session: string;
  actor_name: string;
  subject: string;
  detail: unknown;
}

export async function insertAudit(db: Db, e: AuditEntry): Promise<void> {
  await db.client.query(
    `INSERT INTO ${db.schema}.audit (at, space, twin, kind, actor_session, actor_name, subject, detail)
     VALUES (to_timestamp($1 / 1000.0), $2, $3, $4, $5, $6, $7, $8)`,
    [e.at, e.space, e.twin, e.kind, e.actor.session, e.actor.name, e.subject, JSON.stringify(e.detail)],
  );
}

export async function readAudit(db: Db, q: AuditQuery): Promise<StoredAuditEntry[]> {
  const where = ['at >= to_timestamp($1 / 1000.0)', 'at <= to_timestamp($2 / 1000.0)'];
  const params: unknown[] = [q.from, q.to];
  if (q.space !== undefined) where.push(`space = $${params.push(q.space)}`);
  if (q.twin !== undefined) where.push(`twin = $${params.push(q.twin)}`);
  if (q.before !== undefined) where.push(`id < $${params.push(q.before)}`);
  const { rows } = await db.client.query<Row>(
    `SELECT id, at, space, twin, kind, actor_session, actor_name, subject, detail FROM ${db.schema}.audit
     WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.push(q.limit)}`,
    params,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    at: Math.round(new Date(r.at).getTime()),
    space: r.space,
    twin: r.twin,
    kind: r.kind,
    actor: { session: r.actor_session, name: r.actor_name },
    subject: r.subject,
    detail: (typeof r.detail === 'string' ? JSON.parse(r.detail) : r.detail) as Record<string, unknown>,
  }));
}
