/**
 * One owner per twin across processes (SPEC S4): a Redis key per twin holds the id of the process
 * that runs it, with an expiry. The owner renews it every third of the lease; every other process
 * tries to take it at the same pace, so when the owner dies (no renewal) another takes over within
 * one lease and a third. A clean stop deletes the owner's keys, so another takes over at its next try.
 *
 * Why a lease and not the presence's process list: a process that is alive but cut from Redis must
 * stop acting as owner on its own (its renewal fails), and the key's expiry is Redis's clock, not ours.
 */
import type { Redis } from 'ioredis';
import type { Logger } from '../log.js';

/** Renews the key only while it still names us (another process may have taken it after a stall). */
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
/** Deletes the key only while it still names us. */
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface TwinLeaseOptions {
  /** Key prefix shared by the processes of one deployment (REDIS_PREFIX). */
  prefix: string;
  /** This process's id (unique per process). */
  self: string;
  /** How long a lease lasts without renewal, ms (TWIN_LEASE_MS). */
  leaseMs: number;
  log: Logger;
}

/** Told when this process starts or stops owning a twin. */
export type OwnershipListener = (twin: string, owned: boolean) => void;

export class TwinLeases {
  private readonly owned = new Set<string>();
  private readonly listeners = new Set<OwnershipListener>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly redis: Redis,
    private readonly twins: readonly string[],
    private readonly o: TwinLeaseOptions,
  ) {}

  /** Takes what is free now, then keeps renewing and trying. */
  async start(): Promise<void> {
    await this.round();
    this.timer = setInterval(
      () => {
        // A round still waiting on Redis is not overlapped by the next.
        if (!this.running) this.running = this.round().finally(() => (this.running = null));
      },
      Math.max(50, Math.floor(this.o.leaseMs / 3)),
    );
  }

  /** Stops renewing and gives back what this process owns, so another takes over at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
    const mine = [...this.owned];
    for (const twin of mine) this.set(twin, false);
    if (mine.length === 0) return;
    const p = this.redis.pipeline();
    for (const twin of mine) p.eval(RELEASE, 1, this.key(twin), this.o.self);
    await p.exec().catch((err: unknown) => this.o.log.warn({ problem: (err as Error).message }, 'twin leases not released (they expire)'));
  }

  owns(twin: string): boolean {
    return this.owned.has(twin);
  }

  /**
   * Whether this process owns `twin` now, asked of Redis (the lease renewed on the way), not of the
   * last round: a process that stalled past its lease still counts itself owner until its next round,
   * while another already took the twin. What only one process may do at a time (a camera's publisher,
   * SPEC VS4) asks here first; a "no" ends the ownership here at once, as a failed renewal does.
   */
  async confirm(twin: string): Promise<boolean> {
    if (!this.owned.has(twin)) return false;
    let mine = false;
    try {
      mine = (await this.redis.eval(RENEW, 1, this.key(twin), this.o.self, String(this.o.leaseMs))) === 1;
    } catch (err) {
      this.o.log.warn({ twin, problem: (err as Error).message }, 'twin lease: Redis did not answer');
    }
    this.set(twin, mine);
    return mine;
  }

  onChange(l: OwnershipListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private key(twin: string): string {
    return `${this.o.prefix}twin-owner:${twin}`;
  }

  /** One pass over every twin: renew ours, try to take the others. */
  private async round(): Promise<void> {
    const p = this.redis.pipeline();
    for (const twin of this.twins)
      if (this.owned.has(twin)) p.eval(RENEW, 1, this.key(twin), this.o.self, String(this.o.leaseMs));
      else p.set(this.key(twin), this.o.self, 'PX', this.o.leaseMs, 'NX');
    let results: [Error | null, unknown][] | null;
    try {
      results = await p.exec();
    } catch (err) {
      results = null;
      this.o.log.warn({ problem: (err as Error).message }, 'twin leases: Redis did not answer');
    }
    this.twins.forEach((twin, i) => {
      const [err, r] = results?.[i] ?? [new Error('no answer'), null];
      // Unanswered: a renewal may have failed, so we may no longer own it. Stop acting as owner.
      const mine = this.owned.has(twin) ? err === null && r === 1 : err === null && r === 'OK';
      this.set(twin, mine);
    });
  }

  private set(twin: string, mine: boolean): void {
    if (this.owned.has(twin) === mine) return;
    if (mine) this.owned.add(twin);
    else this.owned.delete(twin);
    this.o.log.info({ twin, self: this.o.self }, mine ? 'this process now runs the twin' : 'this process no longer runs the twin');
    for (const l of this.listeners) l(twin, mine);
  }
}
