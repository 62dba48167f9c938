/**
 * Getting back into the space after the connection went, whatever the cause (SPEC RS6): a network
 * drop, a server stopped with SIGTERM (close 4503) or killed. First `client.reconnect(token)` while
 * the server may still hold the seat (L2: same session, nothing duplicated); once the seat is gone (a
 * restarted server knows no token) or the server said it is restarting, a fresh join with the same
 * options — name, colour, mode, passcode — so the person comes back as who they were. Tries with
 * exponential backoff and jitter (many pages must not hit a restarted server in the same instant),
 * for a bounded time. Knows nothing of the UI: it reports {@link ConnectionStatus} values.
 */
import type { Room } from 'colyseus.js';
import { CloseCode, RETRYABLE_JOIN_CODES, describeCloseCode } from '../../shared/protocol/version.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { ConnectionStatus, LossReason } from './status.js';

/** Backoff of attempt n (1-based): 0.5 s doubling to 8 s, each ±25 %. */
export const REJOIN_FIRST_MS = 500;
export const REJOIN_MAX_MS = 8000;
export const REJOIN_JITTER = 0.25;
/** After this long without getting back, the page gives up and says so. */
export const REJOIN_GIVE_UP_MS = 5 * 60_000;

export function rejoinDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(REJOIN_MAX_MS, REJOIN_FIRST_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (1 - REJOIN_JITTER + 2 * REJOIN_JITTER * random()));
}

export interface RejoinDeps {
  /** `client.reconnect(token)`. */
  reconnect(token: string): Promise<Room<SpaceState>>;
  /** `client.joinOrCreate(ROOM_NAME, options)` with the options of the first join. */
  join(): Promise<Room<SpaceState>>;
  /** Takes the room over (mirror, features) and says it is connected again; resolves once its first state arrived. */
  adopt(room: Room<SpaceState>, how: 'reconnected' | 'rejoined'): Promise<void>;
  /** The person left on purpose meanwhile: stop. */
  stopped(): boolean;
  status(s: ConnectionStatus): void;
  sleep?(ms: number): Promise<void>;
  now?(): number;
  random?(): number;
  warn?(message: string): void;
}

export type RejoinOutcome = 'reconnected' | 'rejoined' | 'refused' | 'gave_up' | 'stopped';

/** Why the connection went, from the close code. */
export function lossReason(code: number): LossReason {
  return code === CloseCode.SERVER_RESTARTING ? 'restarting' : 'lost';
}

/** A join refusal that retrying will not change (locked, wrong passcode, version …): its words. */
function definiteRefusal(err: unknown): string | null {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code !== 'number' || RETRYABLE_JOIN_CODES.includes(code)) return null;
  return code >= 4400 && code < 4500 ? (describeCloseCode(code) ?? null) : null;
}

/** An error in words: colyseus.js rejects with an XHR ProgressEvent when the server does not answer. */
function why(err: unknown): string {
  const message = (err as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : 'the server did not answer';
}

/** The seat is gone for good (window over, room or process gone): reconnecting cannot work any more. */
function seatGone(err: unknown): boolean {
  return /expired|not found|invalid|no longer/i.test(why(err));
}

/**
 * Runs until back in the space, refused, given up, or stopped. `token` is the lost room's
 * reconnection token; `code` its close code.
 */
export async function rejoin(deps: RejoinDeps, token: string | null, code: number): Promise<RejoinOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = deps.now ?? (() => performance.now());
  const reason = lossReason(code);
  // A server that said it is restarting holds no seat: straight to a fresh join.
  let seat = reason === 'restarting' ? null : token;
  const started = now();
  for (let attempt = 1; ; attempt++) {
    if (deps.stopped()) return 'stopped';
    const elapsed = now() - started;
    if (elapsed > REJOIN_GIVE_UP_MS) break;
    deps.status({ state: 'reconnecting', attempt, secondsLeft: Math.ceil((REJOIN_GIVE_UP_MS - elapsed) / 1000), reason });
    await sleep(rejoinDelay(attempt, deps.random));
    if (deps.stopped()) return 'stopped';
    if (seat !== null) {
      try {
        await deps.adopt(await deps.reconnect(seat), 'reconnected');
        return 'reconnected';
      } catch (err) {
        deps.warn?.(`reconnection attempt ${attempt} failed: ${why(err)}`);
        if (!seatGone(err)) continue;
        seat = null;
      }
    }
    try {
      await deps.adopt(await deps.join(), 'rejoined');
      return 'rejoined';
    } catch (err) {
      const refused = definiteRefusal(err);
      if (refused) {
        deps.status({ state: 'failed', reason: refused });
        return 'refused';
      }
      deps.warn?.(`rejoin attempt ${attempt} failed: ${why(err)}`);
    }
  }
  deps.status({
    state: 'failed',
    reason: `Lost the connection to the server and could not get back within ${REJOIN_GIVE_UP_MS / 60_000} minutes. Reload the page to join again.`,
  });
  return 'gave_up';
}
