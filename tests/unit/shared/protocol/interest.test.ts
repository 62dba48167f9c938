/** Interest tiers (shared/protocol/interest.ts): assignment by distance, hysteresis at the edges, rates. */
import { describe, expect, it } from 'vitest';
import {
  assignTiers,
  CAP_MARGIN,
  due,
  MID_CAP,
  MID_ENTER,
  MID_LEAVE,
  NEAR_CAP,
  NEAR_ENTER,
  NEAR_LEAVE,
  nextTier,
  Tier,
  TierScratch,
} from '../../../../shared/protocol/interest.js';

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

  it('PF5: in a crowd only the nearest NEAR_CAP stay near and the nearest MID_CAP of the rest mid; the others go far', () => {
    const n = 120;
    // Everyone within 6 m, avatar i at 0.05 · i m: the order is the index order.
    const distance = Float64Array.from({ length: n }, (_, i) => 0.05 * i);
    const out = new Uint8Array(n);
    assignTiers(new Uint8Array(n).fill(255), distance, n, out, new TierScratch());
    for (let i = 0; i < n; i++) expect(out[i]).toBe(i < NEAR_CAP ? Tier.NEAR : i < NEAR_CAP + MID_CAP ? Tier.MID : Tier.FAR);
    // Avatars farther than 22 m stay far and do not take a capped place.
    distance[0] = 30;
    assignTiers(out.slice(), distance, n, out, new TierScratch());
    expect(out[0]).toBe(Tier.FAR);
    expect([...out].filter((t) => t === Tier.NEAR)).toHaveLength(NEAR_CAP);
  });

  it('PF5: hysteresis — a newcomer takes a capped place only when nearer than an incumbent by more than CAP_MARGIN', () => {
    // NEAR_CAP incumbents at 1 … 1 + (NEAR_CAP - 1) · 0.1 m, plus one mid avatar coming closer.
    const n = NEAR_CAP + 1;
    const prev = new Uint8Array(n).fill(Tier.NEAR);
    prev[n - 1] = Tier.MID;
    const distance = Float64Array.from({ length: n }, (_, i) => 1 + 0.1 * i);
    const out = new Uint8Array(n);
    const scratch = new TierScratch();
    const farthest = distance[NEAR_CAP - 1]!;
    for (const d of [farthest, farthest - 0.5, farthest - CAP_MARGIN + 0.01]) {
      distance[n - 1] = d;
      assignTiers(prev, distance, n, out, scratch);
      expect(out[n - 1]).toBe(Tier.MID);
      expect(out[NEAR_CAP - 1]).toBe(Tier.NEAR);
    }
    distance[n - 1] = farthest - CAP_MARGIN - 0.01;
    assignTiers(prev, distance, n, out, scratch);
    expect(out[n - 1]).toBe(Tier.NEAR);
    expect(out[NEAR_CAP - 1]).toBe(Tier.MID);
    expect([...out].filter((t) => t === Tier.NEAR)).toHaveLength(NEAR_CAP);
  });
});
