/**
 * The store's connection to its database (SPEC ST1–ST5), beneath the table methods of {@link Store}:
 * opened in the background with retries, so no room and no request waits for it with the event loop
 * blocked; writes go through one ordered queue that survives the database going away (PostgreSQL
 * restarted: `/health` says `degraded`, the writes wait and resume, bounded by
 * {@link MAX_QUEUED_BYTES}); reads wait briefly for the open, then fail with {@link StoreUnavailable}.
 */
import type { Logger } from '../log.js';
import { openDatabase, storeKind, type StoreConfig } from './open.js';
import { isTransient, type Db } from './sqlClient.js';

export type StoreState = 'opening' | 'ready' | 'degraded' | 'closed';

export interface StoreHealth {
  kind: string;
  state: StoreState;
  /** Writes waiting for the database. */
  queued: number;
  /** Writes given up (queue over its bound, refused by the database, or unsaved at shutdown). */
  dropped: number;
  /** Why it is degraded ('' when not). */
  problem: string;
}

/** The database is opening or unreachable: the caller answers 503 `store_unavailable`. */
export class StoreUnavailable extends Error {
  readonly code = 'store_unavailable';
}

/** Most bytes of writes held while the database is unreachable (about 10 minutes of 20,000 values/s). */
export const MAX_QUEUED_BYTES = 64 * 1024 * 1024;
const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5000;
/** How long a read waits for the store to open before answering unavailable, ms. */
const READ_WAIT_MS = 10_000;

interface Op {
  label: string;
  bytes: number;
  run: (db: Db) => Promise<void>;
}

export class StoreQueue {
  readonly kind: string;
  private db: Db | null = null;
  private st: StoreState = 'opening';
  private problem = '';
  private readonly queue: Op[] = [];
  private queuedBytes = 0;
  private dropped = 0;
  private draining = false;
  protected closed = false;
  private readonly wakers = new Set<() => void>();
  private readonly openWaiters = new Set<() => void>();
  private readonly idleWaiters = new Set<() => void>();

  constructor(
    private readonly config: StoreConfig,
    protected readonly log: Logger,
  ) {
    this.kind = storeKind(config);
  }

  health(): StoreHealth {
    return { kind: this.kind, state: this.st, queued: this.queue.length, dropped: this.dropped, problem: this.problem };
  }

  get state(): StoreState {
    return this.st;
  }

  /** Runs `run` against the database when it is open (ordered with every other write). */
  write(label: string, run: (db: Db) => Promise<void>, bytes = 256): void {
    if (this.closed) {
      this.dropped++;
      this.log.warn({ write: label }, 'store write after close: dropped');
      return;
    }
    this.queue.push({ label, run, bytes });
    this.queuedBytes += bytes;
    while (this.queuedBytes > MAX_QUEUED_BYTES && this.queue.length > 1) {
      // The head may be running: drop the oldest one after it.
      const [op] = this.queue.splice(this.draining ? 1 : 0, 1);
      this.queuedBytes -= op!.bytes;
      this.dropped++;
      if (this.dropped % 100 === 1) this.log.warn({ dropped: this.dropped }, 'store unreachable too long: oldest queued writes dropped');
    }
    void this.drain();
  }

  /** Runs a read once the store is open (waiting up to 10 s); StoreUnavailable when it cannot. */
  async read<T>(run: (db: Db) => Promise<T>): Promise<T> {
    // Unreachable already: say so now rather than hold the request.
    if (!this.db && this.st === 'degraded') throw new StoreUnavailable(`the store is unreachable: ${this.problem}`);
    const db = this.db ?? (await this.waitOpen(READ_WAIT_MS));
    try {
      const r = await run(db);
      if (this.st === 'degraded' && this.queue.length === 0) this.ok();
      return r;
    } catch (err) {
      if (!isTransient(err)) throw err;
      this.degrade(err);
      // Nothing else may be queued to notice the database come back.
      if (this.queue.length === 0) this.write('probe', async (d) => void (await d.client.query('SELECT 1')));
      throw new StoreUnavailable(`the store is unreachable: ${(err as Error).message}`);
    }
  }

  /** Resolves once every queued write is done (tests, bench, shutdown). */
  drained(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise<void>((r) => this.idleWaiters.add(r));
  }

  /** Saves what is queued (waiting at most `timeoutMs`), then closes the database. */
  async close(timeoutMs = 10_000): Promise<void> {
    if (this.closed) return;
    if (this.queue.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([new Promise<void>((r) => this.idleWaiters.add(r)), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
    }
    this.closed = true;
    this.st = 'closed';
    for (const w of [...this.wakers]) w();
    if (this.queue.length > 0) {
      this.dropped += this.queue.length;
      this.log.error({ writes: this.queue.length, problem: this.problem }, 'store writes not saved at shutdown');
      this.queue.length = 0;
    }
    const db = this.db;
    this.db = null;
    await db?.client.close().catch(() => undefined);
  }

  protected async openLoop(): Promise<void> {
    let delay = RETRY_MIN_MS;
    while (!this.closed) {
      const t0 = performance.now();
      try {
        const db = await openDatabase(this.config, this.log, (why) => this.lost(why));
        if (this.closed) {
          await db.client.close();
          return;
        }
        this.db = db;
        this.log.info({ store: this.kind, ms: Math.round(performance.now() - t0) }, 'store open');
        this.ok();
        for (const w of [...this.openWaiters]) w();
        void this.drain();
        return;
      } catch (err) {
        this.degrade(err);
        await this.pause(delay);
        delay = Math.min(delay * 2, RETRY_MAX_MS);
      }
    }
  }

  private lost(why: string): void {
    if (this.closed) return;
    this.db = null;
    this.degrade(new Error(why));
    void this.openLoop();
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    let delay = RETRY_MIN_MS;
    try {
      while (this.db && this.queue.length > 0 && !this.closed) {
        const op = this.queue[0]!;
        try {
          await op.run(this.db);
          delay = RETRY_MIN_MS;
          if (this.st !== 'ready') this.ok();
        } catch (err) {
          if (isTransient(err)) {
            this.degrade(err);
            await this.pause(delay);
            delay = Math.min(delay * 2, RETRY_MAX_MS);
            continue;
          }
          this.dropped++;
          this.log.error({ write: op.label, problem: (err as Error).message }, 'store write refused by the database: dropped');
        }
        if (this.queue[0] === op) {
          this.queue.shift();
          this.queuedBytes -= op.bytes;
        }
      }
    } finally {
      this.draining = false;
      if (this.queue.length === 0) {
        for (const w of [...this.idleWaiters]) w();
        this.idleWaiters.clear();
      }
    }
  }

  /** Resolves once the store is open (tests, bench; the server itself never waits for it). */
  async opened(): Promise<void> {
    if (!this.db) await this.waitOpen(24 * 3_600_000);
  }

  private waitOpen(timeoutMs: number): Promise<Db> {
    return new Promise<Db>((resolve, reject) => {
      const done = () => {
        clearTimeout(timer);
        this.openWaiters.delete(done);
        if (this.db) resolve(this.db);
        else reject(new StoreUnavailable(`the store is ${this.st === 'opening' ? 'still opening' : `unreachable: ${this.problem}`}`));
      };
      const timer = setTimeout(done, timeoutMs);
      this.openWaiters.add(done);
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakers.add(done);
    });
  }

  private ok(): void {
    if (this.st === 'degraded') this.log.info({ store: this.kind, queued: this.queue.length }, 'store reachable again: writes resume');
    this.st = 'ready';
    this.problem = '';
  }

  private degrade(err: unknown): void {
    const problem = (err as Error)?.message ?? String(err);
    if (this.st !== 'degraded' || this.problem !== problem)
      this.log.warn({ store: this.kind, problem, queued: this.queue.length }, 'store unavailable: writes are queued');
    this.st = 'degraded';
    this.problem = problem;
  }
}
