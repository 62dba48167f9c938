/**
 * One room's replay (SPEC RP1, RP2, RP4): chunks read ahead of the play head, values held at most
 * HOLD_MS, "no data" in a gap, alarms folded from their events. The store is a list of rows in
 * memory (the unit under test is the replay, not the database: the integration test reads
 * PostgreSQL); the clock is the test's.
 */
import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { TimelineState } from '../../../../../shared/state/timeline.js';
import { TwinPropertyState, TwinState } from '../../../../../shared/state/twin.js';
import { packSamples } from '../../../../../server/history/pack.js';
import type { AlarmEvent } from '../../../../../server/store/alarmEventsTable.js';
import type { HistoryRow } from '../../../../../server/store/historyTable.js';
import { Replay } from '../../../../../server/twins/room/replay.js';
import { alarmsAt, CHUNK_MS, valueAt, type ReplaySource } from '../../../../../server/twins/room/replayChunks.js';
import type { RoomTwin } from '../../../../../server/twins/room/roomTwins.js';
import type { LiveTwin } from '../../../../../server/twins/live.js';
import { GeoPlacement } from '../../../../../server/twins/room/geoPlacement.js';
import { GeoFrame } from '../../../../../shared/geo/frame.js';

const T0 = Date.UTC(2026, 11, 1, 8, 0, 0);
const MIN = 60_000;

/** One sample a second for `minutes` minutes from T0: value = seconds since T0 (or `value` of them). */
function rowsOf(minutes: number, property = 'speed', value: (seconds: number) => number = (t) => t): HistoryRow[] {
  const rows: HistoryRow[] = [];
  for (let m = 0; m < minutes; m++) {
    const offsets = Array.from({ length: 60 }, (_, s) => s * 1000);
    rows.push({
      twin: 'm',
      property,
      minute: T0 + m * MIN,
      writer: 1,
      part: 0,
      n: 60,
      min: 0,
      max: 0,
      sum: 0,
      first: 0,
      last: 0,
      firstMs: 0,
      lastMs: 59_000,
      trueMs: 0,
      spanMs: 0,
      samples: packSamples(
        offsets,
        offsets.map((o) => value(m * 60 + o / 1000)),
        0,
        60,
      ),
    });
  }
  return rows;
}

/** A replay of `twins` over `source` a day after T0, and a way to tick it until what it read is written. */
function replayOver(source: ReplaySource, twins: Map<string, RoomTwin>) {
  const replay = new Replay({ source, retentionDays: 30, wall: () => T0 + 86_400_000 }, twins, pino({ level: 'silent' }));
  const timeline = new TimelineState();
  /** Ticks until the chunk under the head has been read and written (reads resolve on the microtask queue). */
  const settle = async (now: number) => {
    for (let i = 0; i < 20; i++) {
      replay.tick(now, timeline);
      await new Promise((r) => setImmediate(r));
    }
    replay.tick(now, timeline);
  };
  return { replay, timeline, settle };
}

function setup(alarms: AlarmEvent[] = []) {
  const rows = rowsOf(3);
  const reads: number[] = [];
  const source: ReplaySource = {
    historyRows: async (_t, _p, from, to) => {
      reads.push(from);
      return rows.filter((r) => r.minute >= from && r.minute <= to);
    },
    alarmEvents: async (_t, from, to) => alarms.filter((e) => e.at >= from && e.at <= to),
  };
  const state = new TwinState();
  state.properties.set('speed', new TwinPropertyState());
  const live = {
    id: 'm',
    properties: new Map([['speed', { def: { name: 'speed', numeric: true, type: 'number' } }]]),
  } as unknown as LiveTwin;
  const { replay, timeline, settle } = replayOver(source, new Map<string, RoomTwin>([['m', { live, state } as RoomTwin]]));
  return { replay, state, timeline, settle, reads };
}

describe('replay', () => {
  it('RP1: a seek shows the value recorded at that time; RP2: playing moves it with the clock × speed, pause holds it', async () => {
    const { replay, state, timeline, settle } = setup();
    replay.seek(T0 + 10_000, 0, 10, true);
    await settle(0);
    expect(state.properties.get('speed')!.num).toBe(10);
    expect(state.properties.get('speed')!.quality).toBe('good');
    await settle(2); // 2 room seconds at 10× → 20 recorded seconds later
    expect(timeline.at).toBe(T0 + 30_000);
    expect(state.properties.get('speed')!.num).toBe(30);
    replay.pause(2);
    await settle(500);
    expect(timeline.at).toBe(T0 + 30_000);
    expect(state.properties.get('speed')!.num).toBe(30);
  });

  it('RP2: while playing, the next chunk is read ahead of the play head', async () => {
    const { replay, settle, reads } = setup();
    replay.seek(T0 + 10_000, 0, 1, true);
    await settle(0);
    // The chunk under the head starts a minute before it (HOLD_MS), the next one a minute later.
    expect(reads).toContain(T0 - MIN);
    expect(reads).toContain(T0 + CHUNK_MS - MIN);
  });

  it('RP4: in a gap (nothing for longer than a value holds) the machine shows no data, not the last value', async () => {
    const { replay, state, settle } = setup();
    replay.seek(T0 + 10 * MIN, 0, 1, false);
    await settle(0);
    expect(state.properties.get('speed')!.quality).toBe('no_data');
    expect(state.quality).toBe('no_data');
    expect(valueAt({ t: [T0], v: [5] }, T0 + 60_000)).toEqual({ t: T0, v: 5 });
    expect(valueAt({ t: [T0], v: [5] }, T0 + 60_001)).toBeNull();
    expect(valueAt({ t: [T0], v: [5] }, T0 - 1)).toBeNull();
  });

  it('RP1: alarms as they stood: raised, acknowledged and cleared up to the replayed time', async () => {
    const base = { twin: 'm', alarm: 'hot', property: 'speed', severity: 'warning', message: 'Hot', bySession: '', byName: '' };
    const events: AlarmEvent[] = [
      { ...base, kind: 'raised', value: 9, at: T0 + 5_000 },
      { ...base, kind: 'acknowledged', value: null, byName: 'Ola', at: T0 + 8_000 },
      { ...base, kind: 'cleared', value: 3, at: T0 + 20_000 },
    ];
    expect(alarmsAt(events, T0 + 4_000).size).toBe(0);
    expect(alarmsAt(events, T0 + 6_000).get('hot')).toMatchObject({ since: T0 + 5_000, ackAt: 0 });
    expect(alarmsAt(events, T0 + 9_000).get('hot')).toMatchObject({ ackByName: 'Ola', ackAt: T0 + 8_000 });
    expect(alarmsAt(events, T0 + 20_000).size).toBe(0);
    const { replay, state, settle } = setup(events);
    replay.seek(T0 + 10_000, 0, 1, false);
    await settle(0);
    expect(state.alarms.get('hot')).toMatchObject({ severity: 'warning', ackByName: 'Ola' });
    replay.seek(T0 + 30_000, 0, 1, false);
    await settle(0);
    expect(state.alarms.size).toBe(0);
  });
});

describe('replay of a machine that reports where it is', () => {
  // Degrees with more digits than a float32 holds (a float32 of 53.1255123 is ~0.2 m off; GS13: 1 cm).
  const geo = { latitude: 53.1255123, longitude: 8.7355987, altitude: 0, heading: 0 };
  /** East along the parallel, 1.0987654e-5° of longitude a second (≈ 0.73 m), from the origin. */
  const lonAt = (t: number) => geo.longitude + t * 1.0987654e-5;
  const setupGeo = () => {
    const rows = [...rowsOf(3, 'latitude', () => geo.latitude), ...rowsOf(3, 'longitude', lonAt)];
    const source: ReplaySource = {
      historyRows: async (_t, p, from, to) => rows.filter((r) => r.property === p && r.minute >= from && r.minute <= to),
      alarmEvents: async () => [],
    };
    const state = new TwinState();
    const prop = (name: string, num: number) => ({ def: { name, numeric: true, type: 'number' }, version: 1, num });
    // Live, it stands 100 s east of the origin.
    const live = {
      id: 'm',
      properties: new Map([
        ['latitude', prop('latitude', geo.latitude)],
        ['longitude', prop('longitude', lonAt(100))],
      ]),
    } as unknown as LiveTwin;
    for (const name of live.properties.keys()) state.properties.set(name, new TwinPropertyState());
    const placement = GeoPlacement.of(live, geo, 0)!;
    placement.apply(state);
    const { replay, settle } = replayOver(
      source,
      new Map<string, RoomTwin>([['m', { live, state, geo: placement } as unknown as RoomTwin]]),
    );
    return { replay, state, placement, settle };
  };

  it('GS13: in a replay it stands where its recorded position was then; back to live, where it is now', async () => {
    const { replay, state, placement, settle } = setupGeo();
    const frame = new GeoFrame(geo);
    const now = frame.toSpace({ latitude: geo.latitude, longitude: lonAt(100), altitude: 0 });
    expect(state.px).toBeCloseTo(now.x, 6);
    replay.seek(T0 + 30_000, 0, 1, false);
    await settle(0);
    // Recorded positions keep their degrees (HS1): within a centimetre of where it was 30 s after T0.
    const then = frame.toSpace({ latitude: geo.latitude, longitude: lonAt(30), altitude: 0 });
    expect(Math.hypot(state.px - then.x, state.pz - then.z)).toBeLessThan(0.01);
    expect(Math.hypot(state.px - now.x, state.pz - now.z)).toBeGreaterThan(40);
    // Back to live: the placement forgets what it showed and stands where the live readings say.
    replay.stop();
    placement.forget();
    expect(placement.apply(state)).toBe(true);
    expect(state.px).toBeCloseTo(now.x, 6);
    expect(state.pz).toBeCloseTo(now.z, 6);
  });
});
