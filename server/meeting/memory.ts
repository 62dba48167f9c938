/**
 * The process-level home of what must outlive a room: each space's chat, board and saved lock. Rooms
 * dispose when the last person leaves; the record stays, so people coming back find the board as
 * they left it (SPEC C3, B6), and every change goes to the store so a restart finds it too (SPEC
 * RS1–RS3). With a reachable store an idle space is forgotten at once (the next room loads it back,
 * RS7); without one, beyond `maxIdle` spaces without a room the longest idle is forgotten, so someone
 * opening thousands of throwaway spaces cannot grow the process without limit.
 */
import type { Logger } from '../log.js';
import { BoardStore } from './boardStore.js';
import { ChatLog } from './chatLog.js';
import { NO_PERSISTENCE, type SpacePersistence } from './spacePersistence.js';

export interface SpaceRecord {
  readonly chat: ChatLog;
  readonly board: BoardStore;
  /** The lock as last saved (null: never saved, the layout decides). */
  readonly lock: { saved: boolean | null };
  /** Saves a lock change (spaces with a host passcode only, SPEC RS3). */
  saveLock(locked: boolean): void;
}

/**
 * How long a room opening waits for the saved record before serving from memory, ms. Only while the
 * store is ready: one indexed read takes milliseconds; an opening or unreachable store is not waited
 * on at all (a matchmaking request must not hang on it).
 */
export const LOAD_WAIT_MS = 2000;

interface Entry {
  record: SpaceRecord;
  rooms: number;
  idleSince: number;
  /** Resolves once the saved record was merged in, or the wait gave up. */
  loading: Promise<void> | null;
  /** The saved record was merged in (memory holds everything the store has, and more). */
  loaded: boolean;
}

export class SpaceMemory {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxIdle = 500,
    private readonly persistence: SpacePersistence = NO_PERSISTENCE,
    private readonly log?: Logger,
  ) {}

  /**
   * Loads the space's saved chat, board and lock into its record (once per record), waiting at most
   * `waitMs` while the store is ready. Past the wait, or when the store cannot answer, the room opens with what memory has:
   * ids continue from the clock (always above the saved ones), and a late answer is still merged in
   * for the people who join after it.
   */
  load(space: string, waitMs = LOAD_WAIT_MS): Promise<void> {
    const e = this.entry(space);
    // Recorded before the load is queued: a prune round queued later skips the space (SPEC RS8).
    this.persistence.visited([space]);
    const wait = this.persistence.ready() ? waitMs : 0;
    if (!e.loading) {
      e.loading = this.persistence.load(space).then(
        (saved) => {
          e.loaded = true;
          e.record.chat.restore(saved.chat);
          e.record.board.restore(saved.strokes);
          if (e.record.lock.saved === null) e.record.lock.saved = saved.locked;
          if (saved.chat.length + saved.strokes.length > 0 || saved.locked !== null)
            this.log?.info({ space, chat: saved.chat.length, strokes: saved.strokes.length, locked: saved.locked }, 'space restored');
        },
        (err: unknown) => {
          this.log?.warn({ space, problem: (err as Error).message }, 'saved chat and board not available: serving from memory');
          // Loaded again by the next room that opens the space.
          e.loading = null;
        },
      );
    }
    let timer: NodeJS.Timeout | undefined;
    let loaded = false;
    const done = e.loading.then(() => void (loaded = e.loading !== null));
    const gaveUp = new Promise<void>((r) => (timer = setTimeout(r, wait)));
    return Promise.race([done, gaveUp]).then(() => {
      clearTimeout(timer);
      if (loaded) return;
      // Ids from the clock are above any saved one (those came from earlier clocks or counted up from 1).
      e.record.chat.startIdsAt(Date.now());
      e.record.board.startIdsAt(Date.now());
    });
  }

  /** The record of `space`, kept while a room uses it; call `release` when the room closes. */
  open(space: string): SpaceRecord {
    const e = this.entry(space);
    e.rooms++;
    return e.record;
  }

  release(space: string, now = Date.now()): void {
    const e = this.entries.get(space);
    if (!e) return;
    e.rooms = Math.max(0, e.rooms - 1);
    if (e.rooms === 0) {
      e.idleSince = now;
      // The last person left: the space's retention counts from now (SPEC RS8).
      this.persistence.visited([space]);
    }
    // Saved and reachable: the store is the record now. Forgetting it means the next room loads what
    // the store has — also what another process serving the space meanwhile wrote (scale-out).
    if (e.rooms === 0 && this.persistence.durable && this.persistence.ready() && e.loaded) {
      this.entries.delete(space);
      return;
    }
    const idle = [...this.entries].filter(([, x]) => x.rooms === 0).sort((a, b) => a[1].idleSince - b[1].idleSince);
    for (let i = 0; i < idle.length - this.maxIdle; i++) this.entries.delete(idle[i]![0]);
  }

  has(space: string): boolean {
    return this.entries.has(space);
  }

  /** Every space this process holds (a room open or opening, or kept idle): never pruned (SPEC RS8). */
  held(): string[] {
    return [...this.entries.keys()];
  }

  private entry(space: string): Entry {
    let e = this.entries.get(space);
    if (!e) {
      const p = this.persistence;
      const chat = new ChatLog(undefined, (line) => p.chatLine(space, line));
      const board = new BoardStore({
        piece: (s, points) => p.strokePiece(space, s, points),
        erased: (ids) => p.erased(space, ids),
        cleared: () => p.cleared(space),
      });
      const lock = { saved: null as boolean | null };
      const record: SpaceRecord = {
        chat,
        board,
        lock,
        saveLock: (locked) => {
          lock.saved = locked;
          p.lock(space, locked);
        },
      };
      e = { record, rooms: 0, idleSince: Date.now(), loading: null, loaded: false };
      this.entries.set(space, e);
    }
    return e;
  }
}
