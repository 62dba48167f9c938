/**
 * Interest tiers (SPEC PF2, PF5): how often a client hears of another avatar's moves, by the distance
 * between their heads on the floor plane. Near avatars come at the full rate (every patch tick they
 * moved in), mid ones at ~10 Hz, far ones at ~2 Hz — everyone is seen, the people beside you move
 * smoothly, and the downstream no longer grows with the room at the full rate. A tier is entered at
 * its edge and left only a margin beyond it (hysteresis), so someone pacing on an edge does not
 * flicker between rates.
 */

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
 * Tiers for `count` avatars seen by one client: `prev[i]` the tier avatar i had (255: first look),
 * `distance[i]` its floor distance now; writes `out[i]`. Distance decides first (PF2, with its
 * hysteresis); then only the NEAR_CAP nearest of the near ones stay near and the rest drop to mid,
 * and only the MID_CAP nearest of the mid ones stay mid and the rest drop to far (PF5). Ranking
 * favours those already in the tier by CAP_MARGIN. Ties go to the lower index, so the result is the
 * same every time.
 */
export function assignTiers(prev: Uint8Array, distance: Float64Array, count: number, out: Uint8Array, scratch: TierScratch): void {
  for (let i = 0; i < count; i++) {
    const p = prev[i]!;
    out[i] = nextTier(p === 255 ? null : (p as Tier), distance[i]!);
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
