/**
 * Revoking join tokens before they expire (SPEC JT7, JT8): an operator withdraws one token by its
 * `jti`, or every token of a space issued until now (a leaked link, a meeting that is over). Each
 * revocation is a row in the store, so it survives a restart and every process on the same database
 * honours it; each join with a token reads the rows in force (a small table: rows are deleted once
 * no token they name can still be unexpired). Revocations made here count at once, before their
 * write lands; while the store is away, the last list read is used, and before any list was ever
 * read (a database still opening) a token join waits at most FIRST_READ_WAIT_MS, then is refused as
 * unchecked (4438, worth retrying) rather than let through. A store in memory holds nothing from
 * before the process started, so its list is empty until read.
 *
 * People already inside are bound too (SPEC JT9): rooms listen with {@link TokenRevocations.onChange}
 * and ask {@link TokenRevocations.revokedNow} about each person's token. A revocation made here is
 * heard at once; while any room listens, the list is read again every {@link WATCH_EVERY_MS}, so one
 * made by another process on the same database is heard within that (plus the read).
 */
import type { Revocation } from '../store/revocationsTable.js';
import { CLOCK_SKEW_SECONDS } from './joinToken.js';

/** Where revocations are kept (the store, store.ts). */
export interface RevocationStore {
  /** `ready` when the database answers now. */
  readonly state: string;
  /** `pglite (memory)`: nothing outlives the process, so before the first read there is nothing revoked. */
  readonly kind: string;
  /** Queues the row (ordered with every other write). */
  addRevocation(r: Revocation): void;
  /** The rows in force at `now`; rejects when the store cannot answer. */
  revocations(now: number): Promise<Revocation[]>;
}

/**
 * How long a token join waits for a store that has never been read (just started, still opening)
 * before it is refused as unchecked: well under what a matchmaking request may take.
 */
export const FIRST_READ_WAIT_MS = 2500;

/** Between reads of the list while rooms listen: how late another process's revocation may reach people inside, ms. */
export const WATCH_EVERY_MS = 2000;

/** What a verified token says about itself, for the check. */
export interface TokenIdentity {
  jti: string | undefined;
  space: string;
  /** Issued at, seconds since the Unix epoch (the JWT `iat`). */
  iat: number | undefined;
}

export type RevocationVerdict = { revoked: false } | { revoked: true; detail: string } | { unchecked: true };

export class TokenRevocations {
  private lastRead: Revocation[] | null;
  private readonly local: Revocation[] = [];
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private reading = false;

  constructor(
    private readonly store: RevocationStore,
    /** JOIN_TOKEN_MAX_SECONDS: the longest a token may still live, so how long a revocation matters. */
    private readonly maxSeconds: number,
    private readonly now: () => number = Date.now,
  ) {
    // A store in memory is this process's alone and starts empty: its list is known before it opens.
    this.lastRead = store.kind === 'pglite (memory)' ? [] : null;
  }

  /** Revokes one token (`jti`) or every token of `space` issued until now; `by` names the operator. */
  revoke(target: { jti: string } | { space: string }, by: string): Revocation {
    const at = this.now();
    const until = at + (this.maxSeconds + CLOCK_SKEW_SECONDS) * 1000;
    const r: Revocation =
      'jti' in target ? { kind: 'jti', jti: target.jti, at, until, by } : { kind: 'space', space: target.space, before: at, at, until, by };
    this.local.push(r);
    this.store.addRevocation(r);
    this.changed();
    return r;
  }

  /** Calls `fn` whenever the revocations may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  /** Reads the list every `everyMs` while anyone listens, and tells them (SPEC JT9). */
  watch(everyMs = WATCH_EVERY_MS): void {
    this.timer ??= setInterval(() => void this.refresh(), everyMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Why `t` is revoked by the revocations known now (no read), or null. */
  revokedNow(t: TokenIdentity): string | null {
    const now = this.now();
    for (let i = this.local.length - 1; i >= 0; i--) if (this.local[i]!.until <= now) this.local.splice(i, 1);
    for (const r of [...this.local, ...(this.lastRead ?? [])]) {
      if (r.until <= now) continue;
      if (r.kind === 'jti' && t.jti !== undefined && r.jti === t.jti) return '(this token was revoked)';
      // A token without `iat` cannot show it is newer than the revocation; one issued in the same
      // second is taken as older (the organiser signs a new one a second later).
      if (r.kind === 'space' && r.space === t.space && (t.iat === undefined || t.iat * 1000 <= r.before))
        return `(every token of this space issued until ${new Date(r.before).toISOString()} was revoked)`;
    }
    return null;
  }

  /** Reads the list again and tells the listeners (the watch calls it; tests too). */
  async refresh(): Promise<void> {
    // Nobody inside to evict, a read still running, or a store away (the last list stands): skip.
    if (this.listeners.size === 0 || this.reading || this.store.state !== 'ready') return;
    this.reading = true;
    try {
      this.lastRead = await this.store.revocations(this.now());
      this.changed();
    } catch {
      // The store went away mid-read: the next tick tries again.
    } finally {
      this.reading = false;
    }
  }

  private changed(): void {
    for (const fn of [...this.listeners]) fn();
  }

  async check(t: TokenIdentity): Promise<RevocationVerdict> {
    const now = this.now();
    // A store that is away is not waited for (the last list read stands), except before the first read.
    if (this.store.state === 'ready' || this.lastRead === null) {
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), FIRST_READ_WAIT_MS)));
      const read = this.store.revocations(now).catch(() => null);
      const list = await Promise.race([read, gaveUp]);
      clearTimeout(timer);
      if (list) this.lastRead = list;
    }
    if (this.lastRead === null) return { unchecked: true };
    const detail = this.revokedNow(t);
    return detail === null ? { revoked: false } : { revoked: true, detail };
  }
}
