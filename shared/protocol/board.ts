/**
 * The shared board: strokes drawn live, erased, cleared by the host, and a screen share shown in the
 * board's place (SPEC B1–B8). Strokes live in **board units**: u from 0 (left edge, as seen from the
 * front) to {@link BOARD_UNITS_W}, v from 0 (top edge) to {@link BOARD_UNITS_H}, integers — so a
 * stroke means the same on any board size, and msgpack sends each coordinate in 3 bytes.
 */
import type { JsonClientEntry, ServerEntry } from './entry.js';
import { z } from './validation.js';
import { AvatarColor } from './values.js';

/** Board width in board units (16:9, like the screens people share). */
export const BOARD_UNITS_W = 3200;
/** Board height in board units. */
export const BOARD_UNITS_H = 1800;

/** Most points one `board.stroke` message may carry. */
export const BOARD_MAX_POINTS_PER_MESSAGE = 128;
/** Most points in one stroke; further pieces are refused and the stroke ends there. */
export const BOARD_MAX_STROKE_POINTS = 2048;
/** Most strokes on one board. */
export const BOARD_MAX_STROKES = 2000;
/** Most points on one board, all strokes together (≈ 600 KB of snapshot at worst). */
export const BOARD_MAX_POINTS = 100_000;
/** Most strokes one person may have open at once (two hands in VR, plus slack). */
export const BOARD_MAX_OPEN_STROKES = 4;
/** Pen widths, board units. */
export const BOARD_MIN_WIDTH = 2;
export const BOARD_MAX_WIDTH = 96;
/** Strokes per `board.snapshot` message. */
export const BOARD_SNAPSHOT_CHUNK = 200;

const coordinate = z.number().check(z.int(), z.gte(0), z.lte(BOARD_UNITS_W));

export const StrokeMessage = z.strictObject({
  /** The sender's own number for this stroke (the server maps it to a board-wide id). */
  key: z.number().check(z.int(), z.gte(0), z.lte(2 ** 31 - 1)),
  color: AvatarColor,
  width: z.number().check(z.int(), z.gte(BOARD_MIN_WIDTH), z.lte(BOARD_MAX_WIDTH)),
  /** Flat `[u0, v0, u1, v1, …]`, 1–128 points. */
  points: z.array(coordinate).check(
    z.minLength(2),
    z.maxLength(2 * BOARD_MAX_POINTS_PER_MESSAGE, `a stroke message has at most ${BOARD_MAX_POINTS_PER_MESSAGE} points`),
    z.refine((p) => p.length % 2 === 0, 'points come in u, v pairs'),
    z.refine((p) => p.every((c, i) => i % 2 === 0 || c <= BOARD_UNITS_H), `v is at most ${BOARD_UNITS_H}`),
  ),
  /** The pen lifted: this is the stroke's last piece. */
  end: z.boolean(),
});
export type StrokeMessage = z.infer<typeof StrokeMessage>;

export const EraseMessage = z.strictObject({
  ids: z.array(z.number().check(z.int(), z.gte(1))).check(z.minLength(1), z.maxLength(64)),
});
export type EraseMessage = z.infer<typeof EraseMessage>;

export const ClearMessage = z.strictObject({});
export type ClearMessage = z.infer<typeof ClearMessage>;

export const ShareMessage = z.strictObject({ on: z.boolean() });
export type ShareMessage = z.infer<typeof ShareMessage>;

const Points = z.array(z.number());

/** One stroke as the server keeps it and sends it in snapshots. */
export const Stroke = z.object({
  /** Board-wide id, increasing from 1 for the life of the space. */
  id: z.number(),
  /** Session id of who drew it. */
  by: z.string(),
  color: z.string(),
  width: z.number(),
  /** Flat `[u0, v0, u1, v1, …]` in board units. */
  points: Points,
});
export type Stroke = z.infer<typeof Stroke>;

/** server → client `board.stroke`: new points of stroke `id` (the first piece creates it). */
export const StrokePiece = z.object({
  id: z.number(),
  by: z.string(),
  /** The author's key, so the author can match its own preview. */
  key: z.number(),
  color: z.string(),
  width: z.number(),
  points: Points,
  end: z.boolean(),
});
export type StrokePiece = z.infer<typeof StrokePiece>;

/** server → client `board.snapshot`, in answer to `meeting.hello`: the board's strokes, in chunks. */
export const BoardSnapshot = z.object({
  strokes: z.array(Stroke),
  /** True on the last chunk. */
  done: z.boolean(),
});
export type BoardSnapshot = z.infer<typeof BoardSnapshot>;

/** server → client `board.erase`: strokes removed, and by whom. */
export const BoardErased = z.object({ ids: z.array(z.number()), by: z.string() });
export type BoardErased = z.infer<typeof BoardErased>;

/** server → client `board.clear`: the board was wiped, by whom. */
export const BoardCleared = z.object({ by: z.string() });
export type BoardCleared = z.infer<typeof BoardCleared>;

/** The board's entries of the client → server table. */
export const BoardClientMessages = {
  'board.stroke': {
    kind: 'json',
    schema: StrokeMessage,
    rate: { perSecond: 40, burst: 80 },
    errors: ['board.full', 'board.stroke_too_long'],
    doc: '`{ key, color, width, points, end }`: a piece of a stroke (B2, B3)',
  } as const satisfies JsonClientEntry<StrokeMessage>,
  'board.erase': {
    kind: 'json',
    schema: EraseMessage,
    rate: { perSecond: 10, burst: 20 },
    errors: ['board.not_author'],
    doc: "`{ ids }`: my own strokes, anyone's for a host (B4)",
  } as const satisfies JsonClientEntry<EraseMessage>,
  'board.clear': {
    kind: 'json',
    schema: ClearMessage,
    rate: { perSecond: 1, burst: 2 },
    errors: ['meeting.not_host'],
    doc: '`{}` host only (B5)',
  } as const satisfies JsonClientEntry<ClearMessage>,
  'board.share': {
    kind: 'json',
    schema: ShareMessage,
    rate: { perSecond: 1, burst: 3 },
    errors: ['board.share_busy', 'board.not_sharer'],
    doc: '`{ on }`: start or stop sharing my screen on the board (B7)',
  } as const satisfies JsonClientEntry<ShareMessage>,
} as const;

/** The board's entries of the server → client table. */
export const BoardServerMessages = {
  'board.stroke': {
    schema: StrokePiece,
    doc: "the piece as sent, with the stroke's `id` and author `by` (B2)",
  } satisfies ServerEntry<StrokePiece>,
  'board.erase': { schema: BoardErased, doc: '`{ ids, by }` (B4)' } satisfies ServerEntry<BoardErased>,
  'board.clear': { schema: BoardCleared, doc: '`{ by }`: the board was wiped (B5)' } satisfies ServerEntry<BoardCleared>,
  'board.snapshot': {
    schema: BoardSnapshot,
    doc: '`{ strokes, done }`, in chunks, in answer to `meeting.hello` (B6)',
  } satisfies ServerEntry<BoardSnapshot>,
} as const;

export const BOARD_ERRORS = {
  'board.full': 'The board is full; erase something or ask the host to clear it.',
  'board.stroke_too_long': `A stroke has at most ${BOARD_MAX_STROKE_POINTS} points; lift the pen and start a new one.`,
  'board.share_busy': 'Someone else is sharing their screen on the board.',
  'board.not_sharer': 'Only the person sharing (or the host) can stop the screen share.',
  'board.not_author': "You can erase only your own strokes; the host can erase anyone's.",
} as const;
