/**
 * Interest tiers (SPEC PF2, PF5, PF6): how often a client hears of another avatar's moves, by the distance
 * between their heads on the floor plane and whether the avatar is behind the client's head. Near avatars come at the full rate (every patch tick they
 * moved in), mid ones at ~10 Hz, far ones at ~2 Hz — everyone is seen, the people beside you move
 * smoothly, and the downstream no longer grows with the room at the full rate. A tier is entered at
 * its edge and left only a margin beyond it (hysteresis), so someone pacing on an edge does not
 * flicker between rates.
 */

import type { Joint } from './pose.js';

export const Tier = { NEAR: 0, MID: 1, FAR: 2 } as const;
export type Tier = (typeof Tier)[keyof typeof Tier];

/** Enter the near tier within this distance (metres) … */
export const NEAR_ENTER = 10;
/** … and leave it only beyond this one. */
export const NEAR_LEAVE = 11;
export const MID_ENTER = 20;
export const MID_LEAVE = 22;

/** Shortest time between two poses of one avatar sent to one client, seconds, per tier. */
export const TIER_INTERVAL = [0, 0.1, 0.5] as const;

/** The tier of an avatar at `distance` (metres) from the client that was in tier `prev` (null: first look). */
export function nextTier(prev: Tier | null, distance: number): Tier {
  if (distance <= NEAR_ENTER) return Tier.NEAR;
  if (prev === Tier.NEAR && distance <= NEAR_LEAVE) return Tier.NEAR;
  if (distance <= MID_ENTER) return Tier.MID;
  if ((prev === Tier.MID || prev === Tier.NEAR) && distance <= MID_LEAVE) return Tier.MID;
  return Tier.FAR;
}

/**
 * Whether a pose is due at `now` (seconds) for a tier when the last one went at `lastAt`. Half a patch
 * tick of slack keeps a 100 ms interval on every second 50 ms tick despite timer jitter.
 */
export function due(tier: Tier, lastAt: number, now: number, tickSeconds: number): boolean {
  return now - lastAt >= TIER_INTERVAL[tier] - tickSeconds / 2;
}

/**
 * Caps per tier (SPEC PF5): however crowded the hall, a client hears at most NEAR_CAP avatars at the
 * full rate and MID_CAP at ~10 Hz; the rest, though close, come at the far tier's ~2 Hz. Chosen so
 * that 200 people standing within 10 m of one another, each moving every patch tick, cost a client
 * ≤ 40 KB/s down: (16 × 20 + 40 × 10 + 143 × 2) records/s × 33 B + 20 frames/s × ~12 B of framing ≈
 * 33 KB/s, leaving the rest for the state patches.
 */
export const NEAR_CAP = 16;
export const MID_CAP = 40;
/**
 * Hysteresis of the caps, metres: an avatar already in a capped tier keeps its place against a
 * newcomer that is less than this much closer, so two people at about the same distance do not trade
 * places (and rates) every tick.
 */
export const CAP_MARGIN = 1.5;

/**
 * View direction (SPEC PF6): an avatar behind your head — more than BEHIND_ENTER_DEG from where it
 * faces, on the floor plane — and beyond BEHIND_RADIUS is one tier further out (near → mid, mid → far):
 * you do not see it move, and turning round brings it back within one re-ranking (250 ms). Someone
 * beside or just behind you keeps the rate their distance gives, so they move smoothly the moment you
 * glance at them. Judged "behind", an avatar is in view again only within BEHIND_LEAVE_DEG (or nearer
 * than BEHIND_RADIUS_LEAVE), so a head turning about the edge does not flicker rates.
 */
export const BEHIND_ENTER_DEG = 110;
export const BEHIND_LEAVE_DEG = 95;
export const BEHIND_RADIUS = 4;
export const BEHIND_RADIUS_LEAVE = 3.5;
const COS_ENTER = Math.cos((BEHIND_ENTER_DEG * Math.PI) / 180);
const COS_LEAVE = Math.cos((BEHIND_LEAVE_DEG * Math.PI) / 180);
/** A head pitched so far up or down that its forward's floor shadow is shorter than this faces nowhere on the floor. */
const MIN_FLOOR_FORWARD = 0.1;

/**
 * Cosine of the angle on the floor plane between where `head` faces (its −Z axis, protocol frame) and
 * the direction (dx, dz) of an avatar `distance` metres away; NaN when there is no such angle (the
 * head looks straight up or down, or the avatar stands on the same spot).
 */
export function viewCos(head: Joint, dx: number, dz: number, distance: number): number {
  const fx = -2 * (head.qx * head.qz + head.qw * head.qy);
  const fz = -(1 - 2 * (head.qx * head.qx + head.qy * head.qy));
  const f = Math.hypot(fx, fz);
  if (f < MIN_FLOOR_FORWARD || distance <= 0) return NaN;
  return (fx * dx + fz * dz) / (f * distance);
}

/** Whether an avatar is behind the client now (PF6), given whether it was (`prev`), `cos` from {@link viewCos} and its floor distance. */
export function nextBehind(prev: boolean, cos: number, distance: number): boolean {
  // No angle to judge by: what was judged last stands.
  if (Number.isNaN(cos)) return prev;
  if (prev) return cos < COS_LEAVE && distance > BEHIND_RADIUS_LEAVE;
  return cos < COS_ENTER && distance > BEHIND_RADIUS;
}

/** Reusable scratch for `assignTiers`, sized on demand. */
export class TierScratch {
  keys = new Float64Array(256);
  sorted = new Float64Array(256);
  fit(n: number): void {
    if (n <= this.keys.length) return;
    const size = Math.max(n, this.keys.length * 2);
    this.keys = new Float64Array(size);
    this.sorted = new Float64Array(size);
  }
}

/**
 * Per avatar, for the view-direction drop (PF6): `behind[i]` 1 when avatar i is behind the client
 * (from {@link nextBehind}); `base[i]` the tier its distance alone gave last time (255: first look),
 * overwritten with the one it gives now. The distance's hysteresis runs on `base`, not on the tier
 * delivered: an avatar dropped for being behind (or by a cap) is not taken for one that walked off.
 */
export interface ViewTiers {
  behind: Uint8Array;
  base: Uint8Array;
}

/**
 * Tiers for `count` avatars seen by one client: `prev[i]` the tier avatar i had (255: first look),
 * `distance[i]` its floor distance now; writes `out[i]`. Distance decides first (PF2, with its
 * hysteresis); with `view`, an avatar behind goes one tier further out (PF6) — before the caps, so
 * the capped places go to those in view first; then only the NEAR_CAP nearest of the near ones stay near and the rest drop to mid,
 * and only the MID_CAP nearest of the mid ones stay mid and the rest drop to far (PF5). Ranking
 * favours those already in the tier by CAP_MARGIN. Ties go to the lower index, so the result is the
 * same every time.
 */
export function assignTiers(
  prev: Uint8Array,
  distance: Float64Array,
  count: number,
  out: Uint8Array,
  scratch: TierScratch,
  view?: ViewTiers,
): void {
  for (let i = 0; i < count; i++) {
    const p = view ? view.base[i]! : prev[i]!;
    const t = nextTier(p === 255 ? null : (p as Tier), distance[i]!);
    if (!view) {
      out[i] = t;
      continue;
    }
    view.base[i] = t;
    out[i] = view.behind[i] === 1 && t < Tier.FAR ? t + 1 : t;
  }
  capTier(Tier.NEAR, NEAR_CAP, prev, distance, count, out, scratch);
  capTier(Tier.MID, MID_CAP, prev, distance, count, out, scratch);
}

/** Keeps the `cap` best-ranked avatars in `tier` and moves the others one tier out. */
function capTier(tier: Tier, cap: number, prev: Uint8Array, distance: Float64Array, count: number, out: Uint8Array, s: TierScratch): void {
  s.fit(count);
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (out[i] !== tier) continue;
    // Already this tier or a closer one: an incumbent.
    const key = distance[i]! - (prev[i]! <= tier ? CAP_MARGIN : 0);
    s.keys[i] = key;
    s.sorted[n++] = key;
  }
  if (n <= cap) return;
  const ranked = s.sorted.subarray(0, n).sort();
  const edge = ranked[cap - 1]!;
  let below = 0;
  for (let k = 0; k < cap; k++) if (ranked[k]! < edge) below++;
  let tiesLeft = cap - below;
  for (let i = 0; i < count; i++) {
    if (out[i] !== tier) continue;
    const key = s.keys[i]!;
    if (key < edge) continue;
    if (key === edge && tiesLeft > 0) {
      tiesLeft--;
      continue;
    }
    out[i] = tier + 1;
  }
}
