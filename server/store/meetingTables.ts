/**
 * SQL of what a space keeps across restarts (SPEC RS1–RS3): `space_chat` (the last CHAT_KEEP lines),
 * `board_strokes` (one row per stroke, its points appended piece by piece) and `space_meeting` (the
 * lock of a space with a host passcode). Plain parameterised statements both back ends run.
 */
import type { ChatLine } from '../../shared/protocol/chat.js';
import type { Stroke } from '../../shared/protocol/board.js';
import type { Db } from './sqlClient.js';

/** What a space had when the server stopped. `locked` is null when no lock was ever saved. */
export interface SavedSpace {
  chat: ChatLine[];
  strokes: Stroke[];
  locked: boolean | null;
}

/** Appends a line, then forgets the lines beyond the newest `keep`. */
export async function insertChatLine(db: Db, space: string, line: ChatLine, keep: number): Promise<void> {
  const t = `${db.schema}.space_chat`;
  await db.client.query(
    `INSERT INTO ${t} (space, id, at, kind, from_session, name, color, text) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (space, id) DO NOTHING`,
    [space, line.id, line.at, line.kind, line.from, line.name, line.color, line.text],
  );
  await db.client.query(
    `DELETE FROM ${t} WHERE space = $1 AND id <= (SELECT id FROM ${t} WHERE space = $1 ORDER BY id DESC OFFSET $2 LIMIT 1)`,
    [space, keep],
  );
}

/**
 * Adds `points` to stroke `s.id`, creating the row with the first piece. A retried write (the
 * database went away after committing) could append a piece twice: the cost is a doubled segment
 * drawn over itself, never a lost one.
 */
export async function appendStroke(db: Db, space: string, s: Omit<Stroke, 'points'>, points: readonly number[]): Promise<void> {
  await db.client.query(
    `INSERT INTO ${db.schema}.board_strokes AS b (space, id, by_session, color, width, points) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (space, id) DO UPDATE SET points = b.points || EXCLUDED.points`,
    [space, s.id, s.by, s.color, s.width, JSON.stringify(points)],
  );
}

export async function deleteStrokes(db: Db, space: string, ids: readonly number[]): Promise<void> {
  await db.client.query(`DELETE FROM ${db.schema}.board_strokes WHERE space = $1 AND id = ANY($2::bigint[])`, [space, ids]);
}

export async function clearBoard(db: Db, space: string): Promise<void> {
  await db.client.query(`DELETE FROM ${db.schema}.board_strokes WHERE space = $1`, [space]);
}

export async function saveLock(db: Db, space: string, locked: boolean): Promise<void> {
  await db.client.query(
    `INSERT INTO ${db.schema}.space_meeting (space, locked) VALUES ($1, $2)
     ON CONFLICT (space) DO UPDATE SET locked = EXCLUDED.locked, updated_at = now()`,
    [space, locked],
  );
}

interface ChatRow {
  id: string | number;
  at: string | number;
  kind: ChatLine['kind'];
  from_session: string;
  name: string;
  color: string;
  text: string;
}

interface StrokeRow {
  id: string | number;
  by_session: string;
  color: string;
  width: number;
  points: unknown;
}

/** The space's saved chat (newest `keep` lines, oldest first), board (oldest stroke first) and lock. */
export async function readSpace(db: Db, space: string, keep: number): Promise<SavedSpace> {
  const chat = await db.client.query<ChatRow>(
    `SELECT * FROM (SELECT id, at, kind, from_session, name, color, text FROM ${db.schema}.space_chat WHERE space = $1
       ORDER BY id DESC LIMIT $2) recent ORDER BY id`,
    [space, keep],
  );
  const strokes = await db.client.query<StrokeRow>(
    `SELECT id, by_session, color, width, points FROM ${db.schema}.board_strokes WHERE space = $1 ORDER BY id`,
    [space],
  );
  const lock = await db.client.query<{ locked: boolean }>(`SELECT locked FROM ${db.schema}.space_meeting WHERE space = $1`, [space]);
  return {
    chat: chat.rows.map((r) => ({
      id: Number(r.id),
      at: Number(r.at),
      kind: r.kind,
      from: r.from_session,
      name: r.name,
      color: r.color,
      text: r.text,
    })),
    strokes: strokes.rows.map((r) => ({ id: Number(r.id), by: r.by_session, color: r.color, width: r.width, points: pointsOf(r.points) })),
    locked: lock.rows[0]?.locked ?? null,
  };
}

/** jsonb arrives parsed from `pg` and PGlite alike; text is accepted too, and anything else is no points. */
function pointsOf(raw: unknown): number[] {
  const v: unknown = typeof raw === 'string' ? JSON.parse(raw) : raw;
  return Array.isArray(v) ? v.filter((x): x is number => typeof x === 'number') : [];
}
