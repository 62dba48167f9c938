/** SQL of `twin_notes` (SPEC NT3): a machine's lifecycle notes, newest first when read. */
import type { NoteKind, TwinNote } from '../../shared/protocol/twinMemory.js';
import type { Db } from './sqlClient.js';

/** A note as stored: what everyone sees, plus who wrote it (session) and where. */
export interface StoredNote extends TwinNote {
  twin: string;
  bySession: string;
  space: string;
}

interface Row {
  id: string;
  twin: string;
  kind: NoteKind;
  text: string;
  by_session: string;
  by_name: string;
  space: string;
  at: Date | string;
}

export async function insertNote(db: Db, n: StoredNote): Promise<void> {
  await db.client.query(
    `INSERT INTO ${db.schema}.twin_notes (id, twin, kind, text, by_session, by_name, space, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, to_timestamp($8 / 1000.0)) ON CONFLICT (id) DO NOTHING`,
    [n.id, n.twin, n.kind, n.text, n.bySession, n.by, n.space, n.at],
  );
}

/** A twin's notes with `from <= at <= to` (ms epoch), newest first, at most `limit`. */
export async function readNotes(db: Db, twin: string, from: number, to: number, limit: number): Promise<StoredNote[]> {
  const { rows } = await db.client.query<Row>(
    `SELECT id, twin, kind, text, by_session, by_name, space, at FROM ${db.schema}.twin_notes
     WHERE twin = $1 AND at >= to_timestamp($2 / 1000.0) AND at <= to_timestamp($3 / 1000.0) ORDER BY at DESC, id LIMIT $4`,
    [twin, from, to, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    twin: r.twin,
    kind: r.kind,
    text: r.text,
    by: r.by_name,
    bySession: r.by_session,
    space: r.space,
    at: Math.round(new Date(r.at).getTime()),
  }));
}
