/**
 * How a space's chat, board and lock reach the store and come back after a restart (SPEC RS1–RS3).
 * Every save is queued on the store's one ordered write queue, so no room waits on the database and
 * the order of a stroke, its erasure and a clear is kept; while the store is unreachable the room
 * serves from memory and the queue resumes (SPEC ST5).
 */
import { CHAT_KEEP, type ChatLine } from '../../shared/protocol/chat.js';
import type { Stroke } from '../../shared/protocol/board.js';
import { appendStroke, clearBoard, deleteStrokes, insertChatLine, readSpace, saveLock, type SavedSpace } from '../store/meetingTables.js';
import type { Store } from '../store/store.js';

export interface SpacePersistence {
  /** Whether what is handed on outlives the process (then memory may forget an idle space). */
  readonly durable: boolean;
  /** Whether the store is open and reachable now (else a room does not wait for a load). */
  ready(): boolean;
  /** What the space had saved; rejects when the store cannot answer. */
  load(space: string): Promise<SavedSpace>;
  chatLine(space: string, line: ChatLine): void;
  strokePiece(space: string, stroke: Omit<Stroke, 'points'>, points: readonly number[]): void;
  erased(space: string, ids: readonly number[]): void;
  cleared(space: string): void;
  lock(space: string, locked: boolean): void;
  /** Someone is in `space` now (a room opened, the last person left, or a round of SPEC RS8). */
  visited(spaces: readonly string[]): void;
}

/** Keeps nothing (unit tests, and rooms built without a store). */
export const NO_PERSISTENCE: SpacePersistence = {
  durable: false,
  ready: () => true,
  load: () => Promise.resolve({ chat: [], strokes: [], locked: null }),
  chatLine: () => undefined,
  strokePiece: () => undefined,
  erased: () => undefined,
  cleared: () => undefined,
  lock: () => undefined,
  visited: () => undefined,
};

/** `now`: the clock visits are recorded with (ms epoch; tests drive it). */
export function storePersistence(store: Store, now: () => number = Date.now): SpacePersistence {
  return {
    durable: true,
    ready: () => store.state === 'ready',
    // Queued behind the writes: a space reopened a moment after its last room closed reads its own
    // last lines too (a plain read could overtake them).
    load: (space) =>
      store.state === 'ready'
        ? new Promise<SavedSpace>((resolve, reject) =>
            store.write('space.load', async (db) => {
              try {
                resolve(await readSpace(db, space, CHAT_KEEP));
              } catch (err) {
                reject(err as Error);
                throw err;
              }
            }),
          )
        : store.read((db) => readSpace(db, space, CHAT_KEEP)),
    chatLine: (space, line) => store.write('chat.line', (db) => insertChatLine(db, space, line, CHAT_KEEP)),
    // Bytes held while the store is away: the points as JSON, about 8 per coordinate.
    strokePiece: (space, stroke, points) =>
      store.write('board.stroke', (db) => appendStroke(db, space, stroke, points), 256 + points.length * 8),
    erased: (space, ids) => store.write('board.erase', (db) => deleteStrokes(db, space, ids)),
    cleared: (space) => store.write('board.clear', (db) => clearBoard(db, space)),
    lock: (space, locked) => store.write('meeting.lock', (db) => saveLock(db, space, locked)),
    visited: (spaces) => store.visitSpaces(spaces, now()),
  };
}
