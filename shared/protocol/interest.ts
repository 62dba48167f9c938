/**
 * Interest tiers (SPEC PF2): how often a client hears of another avatar's moves, by the distance
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
