/**
 * The points of a moving twin's trail (SPEC GS5, GS15) as plain values, no Babylon: a dot each time
 * it has moved a quarter metre, oldest first, nothing older than the window. trail.ts draws them.
 */

/** How far back the path reaches, ms. */
export const TRAIL_MS = 3 * 60_000;
/** Distance between dots, metres. */
export const SPACING_M = 0.25;
/** At most this many dots (3 min at 2 m/s, 4 per metre). */
export const MAX_DOTS = 1500;

export interface TrailPoint {
  /** Protocol frame, metres. */
  x: number;
  z: number;
  /** ms since the epoch: the wall clock live, the recorded time in a replay. */
  t: number;
}

export class TrailPath {
  private readonly list: TrailPoint[] = [];

  /** The dots, oldest first. */
  get points(): readonly TrailPoint[] {
    return this.list;
  }

  /** Where the twin is at `t`; a dot when it moved far enough from the last one. */
  add(x: number, z: number, t: number): void {
    const last = this.list[this.list.length - 1];
    if (last && Math.hypot(x - last.x, z - last.z) < SPACING_M) return;
    // Points older than the newest come from history filled in late: keep the order by time.
    if (last && t < last.t) return;
    this.list.push({ x, z, t });
    if (this.list.length > MAX_DOTS) this.list.shift();
  }

  /** Points from before the first dot (history), oldest first: kept where they are older than it. */
  prepend(past: readonly TrailPoint[]): void {
    const first = this.list[0]?.t ?? Infinity;
    const older: TrailPoint[] = [];
    for (const p of past) {
      if (p.t >= first) break;
      const prev = older[older.length - 1];
      if (!prev || Math.hypot(p.x - prev.x, p.z - prev.z) >= SPACING_M) older.push(p);
    }
    this.list.unshift(...older.slice(-(MAX_DOTS - this.list.length)));
  }

  /** The path becomes `points` (oldest first) in (from, to], spaced as dots are. */
  replace(points: readonly TrailPoint[], from: number, to: number): void {
    this.list.length = 0;
    for (const p of points) if (p.t > from && p.t <= to) this.add(p.x, p.z, p.t);
  }

  clear(): void {
    this.list.length = 0;
  }

  /** Drops the dots more than the window older than `now`. */
  expire(now: number): void {
    let drop = 0;
    while (drop < this.list.length && now - this.list[drop]!.t > TRAIL_MS) drop++;
    if (drop > 0) this.list.splice(0, drop);
  }
}
