/**
 * Passcode guessing limits (SPEC HD3). Wrong passcodes are counted per client address and per space,
 * in memory, or in Redis with REDIS_URL so the count holds across every process. Past either limit a
 * passcode is refused unread (even a right one: otherwise guessing would go on) until the window
 * ends; every wrong answer also comes back later the more wrong answers came before it.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from 'ioredis';

export interface PasscodeLimits {
  /** Wrong passcodes one address may send per window. */
  perAddress: number;
  /** Wrong passcodes one space takes per window, from all addresses together. */
  perSpace: number;
  /** The window, seconds. */
  windowSeconds: number;
  /** Delay added per earlier failure of the address, milliseconds (capped at {@link MAX_DELAY_MS}). */
  delayStepMs: number;
}

export const DEFAULT_PASSCODE_LIMITS: PasscodeLimits = { perAddress: 10, perSpace: 30, windowSeconds: 60, delayStepMs: 100 };

const MAX_DELAY_MS = 2000;

export interface PasscodeLimiter {
  /** Milliseconds until this address may try a passcode for `space` again; 0 when it may now. */
  blockedFor(address: string, space: string): Promise<number>;
  /** Counts a wrong passcode; resolves after the slow-down delay for this address. */
  failed(address: string, space: string): Promise<void>;
  close(): void;
}

export function createPasscodeLimiter(limits: PasscodeLimits = DEFAULT_PASSCODE_LIMITS, redis?: Redis): PasscodeLimiter {
  const make = (points: number, keyPrefix: string): RateLimiterAbstract => {
    const opts = { points, duration: limits.windowSeconds, keyPrefix };
    return redis ? new RateLimiterRedis({ ...opts, storeClient: redis }) : new RateLimiterMemory(opts);
  };
  const byAddress = make(limits.perAddress, 'twinverse-passcode-addr');
  const bySpace = make(limits.perSpace, 'twinverse-passcode-space');
  const left = (res: RateLimiterRes | null, points: number) => (res === null || res.consumedPoints < points ? 0 : res.msBeforeNext);
  return {
    async blockedFor(address, space) {
      const [a, s] = await Promise.all([byAddress.get(address), bySpace.get(space)]);
      return Math.max(left(a, limits.perAddress), left(s, limits.perSpace));
    },
    async failed(address, space) {
      // `consume` rejects with a RateLimiterRes once over the limit: the count still went up.
      const settle = (p: Promise<RateLimiterRes>) => p.catch((r: unknown) => (r instanceof RateLimiterRes ? r : null));
      const [a] = await Promise.all([settle(byAddress.consume(address)), settle(bySpace.consume(space))]);
      const delay = Math.min(MAX_DELAY_MS, (a?.consumedPoints ?? 1) * limits.delayStepMs);
      await new Promise((r) => setTimeout(r, delay));
    },
    close() {
      redis?.disconnect();
    },
  };
}
