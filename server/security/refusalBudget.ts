/**
 * One budget per connection for everything the room refuses (SPEC HD6): unknown types, malformed
 * frames, invalid payloads, rate refusals. An honest client is refused now and then; a client that
 * keeps sending what the server refuses spends the budget and its session is closed with a named
 * code. Logging is budgeted the same way: at most one line per connection per window, saying how many
 * refusals it stands for, so 50,000 distinct bad names are not 50,000 log lines.
 */
import { TokenBucket } from './rateLimit.js';

/** Refusals a connection may collect at once, and how fast that allowance comes back (per second). */
export const REFUSAL_BUDGET = { burst: 100, perSecond: 10 };

/** Seconds between two log lines about one connection's refusals. */
export const REFUSAL_LOG_WINDOW_S = 1;

export type RefusalVerdict =
  /** Tell the client; `log` says whether this refusal gets a log line, `quiet` how many did not since. */
  | { over: false; log: boolean; quiet: number }
  /** The budget is spent: close the session. */
  | { over: true; quiet: number };

export class RefusalBudget {
  private readonly bucket: TokenBucket;
  private lastLog = -Infinity;
  private quiet = 0;

  constructor(now: number) {
    this.bucket = new TokenBucket(REFUSAL_BUDGET.perSecond, REFUSAL_BUDGET.burst, now);
  }

  spend(now: number): RefusalVerdict {
    if (!this.bucket.take(now)) return { over: true, quiet: this.quiet };
    if (now - this.lastLog < REFUSAL_LOG_WINDOW_S) {
      this.quiet++;
      return { over: false, log: false, quiet: this.quiet };
    }
    const quiet = this.quiet;
    this.lastLog = now;
    this.quiet = 0;
    return { over: false, log: true, quiet };
  }
}
