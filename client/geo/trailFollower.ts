/**
 * Which path a trail shows as the space's timeline moves (SPEC GS5, GS15). Live: the last 3 minutes
 * up to now, from history when the page (or the space) comes to live, then each position as it
 * arrives at the wall clock's time. In a replay: the 3 minutes before the replayed time, from history,
 * and, while the replay plays on, each replayed position at the replayed time. A jump of the play
 * head (a seek, back or forward) starts the path again from history; back to live brings the live
 * path back. An answer from history that comes after the timeline moved on is dropped. No Babylon,
 * no fetch: both are given, so this is unit-tested.
 */
import { TRAIL_MS, type TrailPath, type TrailPoint } from './trailPath.js';

/** The timeline as the trail needs it (SPEC RP1: `at` in ms since the epoch, server time). */
export interface TrailTimeline {
  mode: 'live' | 'replay';
  at: number;
  speed: number;
  playing: boolean;
}

/** The twin's recorded path, oldest first; best effort (an empty list when history cannot say). */
export interface TrailHistory {
  /** The last {@link TRAIL_MS} up to now. */
  recent(): Promise<TrailPoint[]>;
  /** From `from` to `to` (ms since the epoch). */
  between(from: number, to: number): Promise<TrailPoint[]>;
}

/**
 * How far the play head may move between two steps and still be playing on rather than jumping:
 * the speed times the wall time between them, half again for clock jitter, and 2 s for patches.
 */
const JITTER = 1.5;
const SLACK_MS = 2000;

export class TrailFollower {
  private mode: 'live' | 'replay' | null = null;
  /** Bumped whenever what the path shows starts again: answers for an older one are dropped. */
  private generation = 0;
  /** Replay: the recorded points since the window's start (history, then replayed positions). */
  private recorded: TrailPoint[] = [];
  private lastAt = 0;
  private lastWall = 0;

  constructor(
    private readonly path: TrailPath,
    private readonly history: TrailHistory,
  ) {}

  /**
   * One step at `wall` (the client's clock) with the twin at `position` (protocol frame; null before
   * it has said where it is). Returns the time the path is drawn at: `wall` live, `at` in a replay.
   */
  step(t: TrailTimeline, wall: number, position: { x: number; z: number } | null): number {
    if (t.mode !== this.mode) {
      this.mode = t.mode;
      if (t.mode === 'live') this.goLive();
      else this.jumpTo(t.at);
    } else if (t.mode === 'replay' && this.jumped(t, wall)) this.jumpTo(t.at);
    this.lastWall = wall;
    if (t.mode === 'live') {
      if (position) this.path.add(position.x, position.z, wall);
      return wall;
    }
    const last = this.recorded[this.recorded.length - 1];
    if (position && t.at > this.lastAt && (!last || t.at > last.t)) this.recorded.push({ x: position.x, z: position.z, t: t.at });
    this.lastAt = t.at;
    // Older than the window: never shown again (going back in time is a jump, which reloads).
    let old = 0;
    while (old < this.recorded.length && this.recorded[old]!.t <= t.at - TRAIL_MS) old++;
    if (old > 0) this.recorded.splice(0, old);
    this.path.replace(this.recorded, t.at - TRAIL_MS, t.at);
    return t.at;
  }

  private jumped(t: TrailTimeline, wall: number): boolean {
    if (t.at < this.lastAt) return true;
    const most = (t.playing ? t.speed : 0) * Math.max(0, wall - this.lastWall) * JITTER + SLACK_MS;
    return t.at - this.lastAt > most;
  }

  private goLive(): void {
    const g = ++this.generation;
    this.recorded = [];
    this.path.clear();
    void this.history.recent().then(
      (past) => g === this.generation && this.path.prepend(past),
      () => undefined,
    );
  }

  private jumpTo(at: number): void {
    const g = ++this.generation;
    this.recorded = [];
    this.lastAt = at;
    this.path.clear();
    void this.history.between(at - TRAIL_MS, at).then(
      (past) => {
        if (g !== this.generation) return;
        // Replayed positions that came while history answered are newer than `at`: they stay.
        this.recorded = [...past.filter((p) => p.t <= at), ...this.recorded.filter((p) => p.t > at)];
      },
      () => undefined,
    );
  }
}
