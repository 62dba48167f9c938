/**
 * Who to keep an audio connection with: the nearest `k` speakers, with hysteresis so people walking
 * around the edge of the circle do not make connections open and close (SPEC V3). Pure: the voice
 * mesh calls it twice a second with distances in metres.
 */

export interface Candidate {
  id: string;
  /** Metres from me, on the floor plane. */
  distance: number;
}

export interface SelectionRules {
  /** How many to want at most (≈ 8). */
  k: number;
  /** A current peer stays while closer than the k-th nearest × this … */
  keepFactor: number;
  /** … plus this many metres. */
  keepSlack: number;
  /** Peers kept beyond k by hysteresis, at most. */
  extra: number;
}

export const DEFAULT_RULES: SelectionRules = { k: 8, keepFactor: 1.25, keepSlack: 1.5, extra: 2 };

/**
 * The new wanted set: current peers inside the keep band stay (up to k + extra, nearest first); then
 * the nearest others fill up to k. Everyone is kept when there are at most k candidates.
 */
export function selectNearest(
  candidates: readonly Candidate[],
  current: ReadonlySet<string>,
  rules: SelectionRules = DEFAULT_RULES,
): Set<string> {
  const sorted = [...candidates].sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1));
  if (sorted.length <= rules.k) return new Set(sorted.map((c) => c.id));
  const kth = sorted[rules.k - 1]!.distance;
  const band = kth * rules.keepFactor + rules.keepSlack;
  const chosen = new Set<string>();
  for (const c of sorted) {
    if (chosen.size >= rules.k + rules.extra) break;
    if (current.has(c.id) && c.distance <= band) chosen.add(c.id);
  }
  for (const c of sorted) {
    if (chosen.size >= rules.k) break;
    chosen.add(c.id);
  }
  return chosen;
}
