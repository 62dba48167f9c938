/** Interest tiers (shared/protocol/interest.ts): assignment by distance, hysteresis at the edges, rates. */
import { describe, expect, it } from 'vitest';
import { due, MID_ENTER, MID_LEAVE, NEAR_ENTER, NEAR_LEAVE, nextTier, Tier } from '../../../../shared/protocol/interest.js';

describe('interest tiers', () => {
  it('PF2: a first look puts avatars within 10 m near, within 20 m mid, beyond far', () => {
    expect(nextTier(null, 0)).toBe(Tier.NEAR);
    expect(nextTier(null, NEAR_ENTER)).toBe(Tier.NEAR);
    expect(nextTier(null, 10.5)).toBe(Tier.MID);
    expect(nextTier(null, MID_ENTER)).toBe(Tier.MID);
    expect(nextTier(null, 21)).toBe(Tier.FAR);
  });

  it('PF2: hysteresis — a tier is left only a margin beyond its edge, and entered only at the edge', () => {
    // Pacing across the 10 m edge between 9.8 and 10.8 m: stays near once near.
    let t = nextTier(null, 9.8);
    for (const d of [10.2, 10.8, 9.9, 10.9, 10.4]) t = nextTier(t, d);
    expect(t).toBe(Tier.NEAR);
    expect(nextTier(Tier.NEAR, NEAR_LEAVE + 0.01)).toBe(Tier.MID);
    // Coming from mid, 10.5 m is not near yet.
    expect(nextTier(Tier.MID, 10.5)).toBe(Tier.MID);
    expect(nextTier(Tier.MID, 21.5)).toBe(Tier.MID);
    expect(nextTier(Tier.MID, MID_LEAVE + 0.01)).toBe(Tier.FAR);
    expect(nextTier(Tier.FAR, 21.5)).toBe(Tier.FAR);
    expect(nextTier(Tier.FAR, 19)).toBe(Tier.MID);
    expect(nextTier(Tier.FAR, 5)).toBe(Tier.NEAR);
  });

  it('PF2: near is due every tick, mid every second 50 ms tick, far every tenth', () => {
    const tick = 0.05;
    const count = (tier: Tier) => {
      let last = -Infinity;
      let n = 0;
      for (let k = 0; k < 200; k++) {
        const now = k * tick;
        if (due(tier, last, now, tick)) {
          last = now;
          n++;
        }
      }
      return n / (200 * tick);
    };
    expect(count(Tier.NEAR)).toBe(20);
    expect(count(Tier.MID)).toBe(10);
    expect(count(Tier.FAR)).toBe(2);
  });
});
