/**
 * Forgetting abandoned spaces (SPEC RS8). Anyone may open a space by naming it, and its chat and board
 * are kept in the store across restarts (RS1–RS2): without an end, throwaway spaces would grow the
 * database for ever. Each round (every SPACE_PRUNE_MINUTES) first records a visit to every space this
 * process holds, then deletes the chat and board rows of spaces nobody visited for
 * SPACE_RETENTION_DAYS, a few spaces per write. Every process sharing the database does the same, so a
 * space open anywhere was visited within one round, far less than the retention: an open space is
 * never pruned. Twin history, commands, notes, the audit log and host locks are not a space's meeting
 * content and are left alone.
 */
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';

export const DAY_MS = 86_400_000;
/** Spaces pruned per write: small, so the room's own writes are never held behind a long delete. */
export const SPACE_PRUNE_BATCH = 20;

export interface SpaceRetentionOptions {
  retentionDays: number;
  /** Between rounds, ms. */
  everyMs: number;
  batch?: number;
  /** ms epoch; tests drive it. */
  now?: () => number;
}

/** The spaces this process holds (SpaceMemory.held). */
export interface HeldSpaces {
  held(): string[];
}

export class SpaceRetention {
  private timer: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(
    private readonly store: Pick<Store, 'visitSpaces' | 'pruneSpaces'>,
    private readonly spaces: HeldSpaces,
    private readonly o: SpaceRetentionOptions,
    private readonly log: Logger,
  ) {
    this.now = o.now ?? Date.now;
  }

  start(): void {
    void this.round();
    this.timer = setInterval(() => void this.round(), this.o.everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One round; resolves with the spaces pruned once its last batch is done. */
  async round(): Promise<string[]> {
    const now = this.now();
    this.store.visitSpaces(this.spaces.held(), now);
    const before = now - this.o.retentionDays * DAY_MS;
    const pruned = await this.store.pruneSpaces(before, () => this.spaces.held(), this.o.batch ?? SPACE_PRUNE_BATCH);
    if (pruned.length > 0)
      this.log.info(
        { spaces: pruned.length, first: pruned.slice(0, 5), unvisitedSince: new Date(before).toISOString() },
        'chat and board of abandoned spaces pruned',
      );
    return pruned;
  }
}
