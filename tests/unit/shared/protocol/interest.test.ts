/** Interest tiers (shared/protocol/interest.ts): assignment by distance and view, hysteresis at the edges, rates. */
import { describe, expect, it } from 'vitest';
import {
  assignTiers,
  BEHIND_ENTER_DEG,
  BEHIND_LEAVE_DEG,
  BEHIND_RADIUS,
  BEHIND_RADIUS_LEAVE,
  CAP_MARGIN,
  due,
  MID_CAP,
  MID_ENTER,
  MID_LEAVE,
  NEAR_CAP,
  NEAR_ENTER,
  NEAR_LEAVE,
  nextBehind,
  nextTier,
  Tier,
  TierScratch,
  viewCos,
} from '../../../../shared/protocol/interest.js';
import { createJoint } from '../../../../shared/protocol/pose.js';
import { setYaw } from '../../../../shared/space/spawn.js';

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

  it('PF6: the view angle is measured on the floor from where the head faces (−Z at yaw 0), whatever its pitch; straight up or down has none', () => {
    const head = createJoint();
    setYaw(head, 0);
    expect(viewCos(head, 0, -5, 5)).toBeCloseTo(1, 9);
    expect(viewCos(head, 0, 5, 5)).toBeCloseTo(-1, 9);
    expect(viewCos(head, 5, 0, 5)).toBeCloseTo(0, 9);
    // A quarter turn to the left (about +Y) faces −X.
    setYaw(head, Math.PI / 2);
    expect(viewCos(head, -5, 0, 5)).toBeCloseTo(1, 9);
    // Facing −Z and looking 60° down (about +X after the yaw): still facing −Z on the floor.
    const pitch = -Math.PI / 3;
    Object.assign(head, { qx: Math.sin(pitch / 2), qy: 0, qz: 0, qw: Math.cos(pitch / 2) });
    expect(viewCos(head, 0, -5, 5)).toBeCloseTo(1, 9);
    // Straight down, or an avatar on the same spot: no angle.
    Object.assign(head, { qx: Math.sin(-Math.PI / 4), qy: 0, qz: 0, qw: Math.cos(-Math.PI / 4) });
    expect(viewCos(head, 0, -5, 5)).toBeNaN();
    setYaw(head, 0);
    expect(viewCos(head, 0, 0, 0)).toBeNaN();
  });

  it('PF6: an avatar more than 110° from the head’s forward and beyond 4 m is behind; nearer, or within the angle, it is not', () => {
    const cos = (deg: number) => Math.cos((deg * Math.PI) / 180);
    expect(nextBehind(false, cos(180), 6)).toBe(true);
    expect(nextBehind(false, cos(BEHIND_ENTER_DEG + 1), BEHIND_RADIUS + 0.1)).toBe(true);
    expect(nextBehind(false, cos(BEHIND_ENTER_DEG - 1), 6)).toBe(false);
    // Someone just behind you keeps moving smoothly.
    expect(nextBehind(false, cos(180), BEHIND_RADIUS - 0.1)).toBe(false);
    expect(nextBehind(false, cos(0), 15)).toBe(false);
  });

  it('PF6: hysteresis — behind, an avatar is in view again only within 95° or nearer than 3.5 m, so a head turning about the edge does not flicker', () => {
    const cos = (deg: number) => Math.cos((deg * Math.PI) / 180);
    // A head sweeping 100° … 115° … 100° about the 110° edge: behind once behind, never before.
    let before = false;
    for (const deg of [100, 105, 108]) before = nextBehind(before, cos(deg), 6);
    expect(before).toBe(false);
    let behind = nextBehind(false, cos(115), 6);
    for (const deg of [108, 100, 96, 112, 97]) behind = nextBehind(behind, cos(deg), 6);
    expect(behind).toBe(true);
    expect(nextBehind(true, cos(BEHIND_LEAVE_DEG - 1), 6)).toBe(false);
    // The radius has its margin too: stepping about the 4 m edge behind you does not flicker.
    expect(nextBehind(true, cos(180), BEHIND_RADIUS - 0.2)).toBe(true);
    expect(nextBehind(true, cos(180), BEHIND_RADIUS_LEAVE - 0.01)).toBe(false);
    // No angle to judge by (looking straight down): the last judgement stands.
    expect(nextBehind(true, NaN, 6)).toBe(true);
    expect(nextBehind(false, NaN, 6)).toBe(false);
  });

  it('PF6: behind drops one tier (near → mid, mid → far, far stays far), before the caps, and the distance keeps its own hysteresis', () => {
    // Near at 5 m, mid at 15 m, far at 30 m, near at 10.5 m (was near: hysteresis), each behind; one near in view.
    const distance = Float64Array.from([5, 15, 30, 10.5, 5]);
    const n = distance.length;
    const view = { behind: Uint8Array.from([1, 1, 1, 1, 0]), base: Uint8Array.from([255, 255, 255, Tier.NEAR, 255]) };
    const out = new Uint8Array(n);
    const scratch = new TierScratch();
    assignTiers(new Uint8Array(n).fill(255), distance, n, out, scratch, view);
    expect([...out]).toEqual([Tier.MID, Tier.FAR, Tier.FAR, Tier.MID, Tier.NEAR]);
    expect([...view.base]).toEqual([Tier.NEAR, Tier.MID, Tier.FAR, Tier.NEAR, Tier.NEAR]);
    // Ranked again while still behind: the 10.5 m one stays mid (its distance still says near), not far.
    assignTiers(out.slice(), distance, n, out, scratch, view);
    expect(out[3]).toBe(Tier.MID);
    // Turning round brings each back to the tier its distance gives.
    view.behind.fill(0);
    assignTiers(out.slice(), distance, n, out, scratch, view);
    expect([...out]).toEqual([Tier.NEAR, Tier.MID, Tier.FAR, Tier.NEAR, Tier.NEAR]);
  });

  it('PF6 PF5: in a crowd the capped near places go to those in view; those behind compete for mid', () => {
    // NEAR_CAP + 8 people within 10 m: the nearest 8 behind you, the others in front.
    const n = NEAR_CAP + 8;
    const distance = Float64Array.from({ length: n }, (_, i) => 4.5 + 0.1 * i);
    const view = { behind: Uint8Array.from({ length: n }, (_, i) => (i < 8 ? 1 : 0)), base: new Uint8Array(n).fill(255) };
    const out = new Uint8Array(n);
    assignTiers(new Uint8Array(n).fill(255), distance, n, out, new TierScratch(), view);
    for (let i = 0; i < n; i++) expect(out[i]).toBe(i < 8 ? Tier.MID : Tier.NEAR);
  });
});
