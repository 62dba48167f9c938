/**
 * The replay play head's arithmetic (SPEC RP2): where the replayed time stands at a given moment of
 * a monotonic clock. Both sides use it — the server to decide what the machines show, the client to
 * move its scrubber smoothly between patches — and neither reads a clock here: the caller passes
 * `now`, so tests drive time.
 */

/** The speeds a timeline plays at: recorded seconds per real second. */
export const TIMELINE_SPEEDS = [1, 10, 60] as const;
export type TimelineSpeed = (typeof TIMELINE_SPEEDS)[number];

export interface PlayHead {
  /** Replayed time at `since`, ms since the Unix epoch. */
  readonly at: number;
  /** The monotonic clock's reading when `at` was set, seconds. */
  readonly since: number;
  readonly speed: number;
  readonly playing: boolean;
}

/** The replayed time at monotonic time `now` (seconds), never past `limit` (e.g. the present). */
export function headAt(h: PlayHead, now: number, limit = Number.POSITIVE_INFINITY): number {
  if (!h.playing) return Math.min(h.at, limit);
  const elapsed = Math.max(0, now - h.since);
  return Math.min(h.at + elapsed * 1000 * h.speed, limit);
}

/** A play head set to `at`, paused or playing at `speed`, from monotonic time `now`. */
export function headFrom(at: number, now: number, speed: number, playing: boolean): PlayHead {
  return { at, since: now, speed, playing };
}

/** The same play head re-anchored at `now` with a new speed or play state: the replayed time does not jump. */
export function retime(h: PlayHead, now: number, change: { speed?: number; playing?: boolean }, limit?: number): PlayHead {
  return { at: headAt(h, now, limit), since: now, speed: change.speed ?? h.speed, playing: change.playing ?? h.playing };
}
