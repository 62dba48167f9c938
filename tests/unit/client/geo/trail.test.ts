/**
 * Which path the AGV's trail shows as the space's timeline moves (SPEC GS5, GS15), without a browser:
 * the follower with a real path and a recorded drive for history, whose answers come when the test
 * says (so a late answer can be made to come late).
 */
import { describe, expect, it } from 'vitest';
import { TrailFollower, type TrailHistory, type TrailTimeline } from '../../../../client/geo/trailFollower.js';
import { TRAIL_MS, TrailPath, type TrailPoint } from '../../../../client/geo/trailPath.js';

/** The recorded drive: from T0 the vehicle went 1 m a second along +x, a sample a second. */
const T0 = Date.UTC(2026, 11, 1, 10, 0, 0);
const xAt = (t: number) => (t - T0) / 1000;
function drive(from: number, to: number, z = 0): TrailPoint[] {
  const out: TrailPoint[] = [];
  for (let t = Math.max(T0, Math.ceil(from / 1000) * 1000); t <= to; t += 1000) out.push({ x: xAt(t), z, t });
  return out;
}

/**
 * History that answers each ask when the test calls `answer()` (resolving after the follower's own
 * handler). Each answer's points lie `z` = the ask's number metres aside, so a path mixing two
 * answers shows it.
 */
function heldHistory(now: () => number) {
  const asks: { what: string; answer: () => Promise<TrailPoint[]> }[] = [];
  const ask = (what: string, points: TrailPoint[]) => {
    let resolve!: (p: TrailPoint[]) => void;
    const p = new Promise<TrailPoint[]>((r) => (resolve = r));
    asks.push({ what, answer: () => (resolve(points), p) });
    return p;
  };
  const history: TrailHistory = {
    recent: () => ask('recent', drive(now() - TRAIL_MS, now())),
    between: (from, to) => ask(`between ${(to - T0) / 1000}s`, drive(from, to, asks.length)),
  };
  return { history, asks };
}

const live: TrailTimeline = { mode: 'live', at: 0, speed: 1, playing: false };
const paused = (at: number): TrailTimeline => ({ mode: 'replay', at, speed: 1, playing: false });
const playing = (at: number, speed: number): TrailTimeline => ({ mode: 'replay', at, speed, playing: true });
const times = (p: TrailPath) => p.points.map((d) => d.t);

describe('AGV trail and the timeline (SPEC GS15)', () => {
  it('GS15: live, the path is the last 3 minutes from history, then each position at the wall clock', async () => {
    let wall = T0 + 20 * 60_000;
    const { history, asks } = heldHistory(() => wall);
    const path = new TrailPath();
    const f = new TrailFollower(path, history);
    expect(f.step(live, wall, { x: xAt(wall), z: 0 })).toBe(wall);
    expect(asks.map((a) => a.what)).toEqual(['recent']);
    await asks[0]!.answer();
    wall += 1000;
    f.step(live, wall, { x: xAt(wall), z: 0 });
    expect(path.points.length).toBe(182);
    expect(times(path)[0]).toBe(wall - 1000 - TRAIL_MS);
    expect(path.points.at(-1)).toEqual({ x: xAt(wall), z: 0, t: wall });
  });

  it('GS15: a seek shows the 3 minutes before the replayed time from history (not what was seen live); playing on adds the replayed positions at the replayed time', async () => {
    let wall = T0 + 20 * 60_000;
    const { history, asks } = heldHistory(() => wall);
    const path = new TrailPath();
    const f = new TrailFollower(path, history);
    f.step(live, wall, { x: 1200, z: 0 });
    await asks[0]!.answer();
    const at = T0 + 10 * 60_000;
    wall += 250;
    // The live dots go at once; the replayed past comes with history's answer.
    expect(f.step(paused(at), wall, { x: xAt(at), z: 0 })).toBe(at);
    expect(path.points).toEqual([]);
    expect(asks.map((a) => a.what)).toEqual(['recent', 'between 600s']);
    await asks[1]!.answer();
    wall += 250;
    f.step(paused(at), wall, { x: xAt(at), z: 0 });
    expect(path.points.length).toBe(180);
    expect(times(path).every((t) => t > at - TRAIL_MS && t <= at)).toBe(true);
    expect(path.points.at(-1)).toEqual({ x: 600, z: 1, t: at });
    // Playing at 60×: a quarter second of the room is 15 recorded seconds; no jump, nothing asked.
    for (let i = 1; i <= 4; i++) {
      wall += 250;
      const t = at + i * 15_000;
      expect(f.step(playing(t, 60), wall, { x: xAt(t), z: 0 })).toBe(t);
    }
    expect(asks.length).toBe(2);
    expect(path.points.at(-1)).toEqual({ x: 660, z: 0, t: at + 60_000 });
    expect(times(path)[0]).toBeGreaterThan(at + 60_000 - TRAIL_MS);
  });

  it('GS15: a jump of the play head, back or forward, starts the path again from history; an answer that comes after the next jump is dropped', async () => {
    let wall = T0 + 20 * 60_000;
    const { history, asks } = heldHistory(() => wall);
    const path = new TrailPath();
    const f = new TrailFollower(path, history);
    const a = T0 + 15 * 60_000;
    f.step(paused(a), wall, { x: xAt(a), z: 0 });
    await asks[0]!.answer();
    wall += 250;
    f.step(paused(a), wall, null);
    expect(path.points.at(-1)?.t).toBe(a);
    // A minute back while playing: a jump, not a drive backwards.
    const b = a - 60_000;
    wall += 250;
    f.step(playing(b, 10), wall, { x: xAt(b), z: 0 });
    expect(path.points).toEqual([]);
    // Forward again, paused, before either answer came.
    const c = a + 30_000;
    wall += 250;
    f.step(paused(c), wall, { x: xAt(c), z: 0 });
    expect(asks.map((x) => x.what)).toEqual(['between 900s', 'between 840s', 'between 930s']);
    await asks[2]!.answer();
    await asks[1]!.answer(); // late: for b, which is no longer shown (its window overlaps c's)
    wall += 250;
    f.step(paused(c), wall, { x: xAt(c), z: 0 });
    expect(path.points.length).toBe(180);
    expect(times(path).every((t) => t > c - TRAIL_MS && t <= c)).toBe(true);
    expect(path.points.every((p) => p.z === 2)).toBe(true);
  });

  it('GS15: back to live drops the replayed path and brings back the live one from history', async () => {
    let wall = T0 + 20 * 60_000;
    const { history, asks } = heldHistory(() => wall);
    const path = new TrailPath();
    const f = new TrailFollower(path, history);
    const at = T0 + 5 * 60_000;
    f.step(paused(at), wall, { x: xAt(at), z: 0 });
    wall += 250;
    const back = wall;
    expect(f.step(live, wall, { x: xAt(wall), z: 0 })).toBe(wall);
    expect(path.points).toEqual([{ x: xAt(wall), z: 0, t: wall }]);
    await asks[0]!.answer(); // the replay's, late
    await asks[1]!.answer(); // live: the last 3 minutes
    wall += 1000;
    f.step(live, wall, { x: xAt(wall), z: 0 });
    // The 3 minutes before going back to live (a sample a second), then what came live.
    expect(times(path).filter((t) => t < back).length).toBe(180);
    expect(times(path).every((t) => t >= back - TRAIL_MS && t <= wall)).toBe(true);
    expect(times(path).slice(-2)).toEqual([back, wall]);
  });
});
