/**
 * The edge's token bucket with time given by the test (seconds, as the room's `ctx.now` gives it):
 * refilling is about time, so the test says what time it is instead of waiting for it.
 */
import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../../server/security/rateLimit.js';

const takes = (b: TokenBucket, now: number, n: number) => Array.from({ length: n }, () => b.take(now));

describe('token bucket', () => {
  it('C2: chat’s bucket (1 a second, 5 at once) takes five lines at once, refuses the sixth, takes one more a second later', () => {
    const b = new TokenBucket(1, 5, 100);
    expect(takes(b, 100, 6)).toEqual([true, true, true, true, true, false]);
    expect(b.take(100.5)).toBe(false); // half a token is not a line
    expect(b.take(101)).toBe(true);
    expect(b.take(101)).toBe(false);
  });

  it('M2: refills at its rate up to the burst, never beyond, however long it sat idle', () => {
    const b = new TokenBucket(2, 5, 0);
    expect(takes(b, 0, 5).every(Boolean)).toBe(true);
    expect(takes(b, 1, 3)).toEqual([true, true, false]); // 2/s × 1 s
    expect(takes(b, 1000, 6)).toEqual([true, true, true, true, true, false]); // capped at the burst
  });

  it('P2: a clock that steps back (it never should) refills nothing', () => {
    const b = new TokenBucket(30, 8, 10);
    expect(takes(b, 10, 8).every(Boolean)).toBe(true);
    expect(b.take(9)).toBe(false);
    expect(b.take(10.1)).toBe(true); // forward again: three tokens
  });
});
