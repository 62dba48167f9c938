/**
 * The first join of a page, retried while the server answers "try again in a moment" (SPEC BM2, J6):
 * a space whose building is still being read (4439), a room opening right now (4430), revocations not
 * readable yet (4438). Any other outcome — a seat, a definite refusal, no answer — ends it. Bounded
 * in time like a rejoin (a building's read is itself bounded at 300 s), with the rejoin's backoff and
 * jitter so many pages waiting for one building do not come back in the same instant.
 */
import { RETRYABLE_JOIN_CODES } from '../../shared/protocol/version.js';
import { REJOIN_GIVE_UP_MS, rejoinDelay } from './rejoin.js';

export interface JoinRetryDeps {
  sleep?(ms: number): Promise<void>;
  now?(): number;
  random?(): number;
}

export function isRetryableJoinError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'number' && RETRYABLE_JOIN_CODES.includes(code);
}

/** `join()` until it seats us, refuses for good, or has said "try again" for {@link REJOIN_GIVE_UP_MS}. */
export async function joinWithRetry<T>(join: () => Promise<T>, deps: JoinRetryDeps = {}): Promise<T> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = deps.now ?? (() => performance.now());
  const started = now();
  for (let attempt = 1; ; attempt++) {
    try {
      return await join();
    } catch (err) {
      if (!isRetryableJoinError(err) || now() - started > REJOIN_GIVE_UP_MS) throw err;
      await sleep(rejoinDelay(attempt, deps.random));
    }
  }
}
