/**
 * The shared replay on a real server with the real PostgreSQL (SPEC RP1–RP6): history is seeded
 * through the runtime's ingest path with its own timestamps (as in history.api.test.ts), then two
 * colyseus.js clients watch the same recorded time. No clock waits: every assertion waits on the
 * state a patch brings or on a round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwinState } from '../../shared/state/twin.js';
import { join, type TestClient } from '../support/clients.js';
import { serverStateOf, startTestServer, type TestServer } from '../support/server.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { waitFor, waitForAsync } from '../support/wait.js';
import { dropSchema } from '../support/stores.js';

const OPERATOR_CODE = 'op-code-replay';
const SPACE = 'replay-hall';
const schema = uniqueName('tvreplay').toLowerCase();
let server: TestServer;
let assets: TwinAssets;
/** Start of a whole hour two hours ago: every recorded value lies after it. */
const T0 = Math.floor((Date.now() - 2 * 3_600_000) / 3_600_000) * 3_600_000;
const LIVE_SPEED = 77;

const speedOf = (c: TestClient): { num: number; quality: string } | undefined => {
  const p = c.room.state.twins.get('pump-1')?.properties.get('speed');
  return p ? { num: p.num, quality: p.quality } : undefined;
};
const pump = (c: TestClient): TwinState => c.room.state.twins.get('pump-1')!;

beforeAll(async () => {
  await requireService('postgres');
  assets = makeTwinAssets(uniqueName('tv'), {
    [SPACE]: { twins: [{ twin: 'pump-1', position: [0, 0, -3] }], locked: true, operatorPasscode: OPERATOR_CODE },
  });
  server = await startTestServer({}, { ASSETS_DIR: assets.dir, DATABASE_URL, DATABASE_SCHEMA: schema, SIMULATOR: 'off' });
  await server.store.opened();
  // The alarm events below are written straight to the store: the start-up restore of open alarms
  // (AK5) must have read the store before, or it may read the raising without its clearing.
  await server.restored();
  // Two minutes of speed at 1 Hz from T0: 0.5, 1 … 60 (the TD allows up to 100 %); then nothing for an hour.
  for (let s = 0; s < 120; s++) server.twins.ingest('pump-1', 'speed', (s + 1) / 2, T0 + s * 1000);
  // The pressure alarm stood from T0 + 30 s to T0 + 90 s, acknowledged at T0 + 40 s.
  const alarm = {
    twin: 'pump-1',
    alarm: 'pressureHigh',
    property: 'outletPressure',
    severity: 'critical',
    message: 'Outlet pressure high',
  };
  server.store.recordAlarm({ ...alarm, kind: 'raised', value: 7, bySession: '', byName: '', at: T0 + 30_000 });
  server.store.recordAlarm({ ...alarm, kind: 'acknowledged', value: null, bySession: 's', byName: 'Ola', at: T0 + 40_000 });
  server.store.recordAlarm({ ...alarm, kind: 'cleared', value: 6, bySession: '', byName: '', at: T0 + 90_000 });
  // The live value: received now.
  server.twins.ingest('pump-1', 'speed', LIVE_SPEED, Date.now());
  server.history!.flush();
  await server.store.drained();
}, 60_000);

afterAll(async () => {
  await server?.close();
  assets?.remove();
  await dropSchema(schema);
});

describe('shared replay', () => {
  let host: TestClient;
  let viewer: TestClient;

  beforeAll(async () => {
    // The first to arrive is the host; the viewer has no operator passcode in this locked space.
    host = await join(server.endpoint, { space: SPACE, name: 'Hana', passcode: OPERATOR_CODE });
    viewer = await join(server.endpoint, { space: SPACE, name: 'Vic' });
    await waitFor('the live speed', () => speedOf(viewer)?.num === LIVE_SPEED);
  });
  afterAll(async () => {
    await Promise.all([host, viewer].map((c) => c?.room.leave().catch(() => undefined)));
  });

  it('RP3: a viewer may not drive the timeline (timeline.not_allowed); nothing changes', async () => {
    for (const type of ['timeline.seek', 'timeline.play', 'timeline.pause', 'timeline.live'] as const)
      viewer.room.send(type, type === 'timeline.seek' ? { at: T0 } : type === 'timeline.play' ? { speed: 10 } : {});
    await viewer.roundTrip();
    expect(viewer.errors.map((e) => [e.code, e.ref])).toEqual([
      ['timeline.not_allowed', 'timeline.seek'],
      ['timeline.not_allowed', 'timeline.play'],
      ['timeline.not_allowed', 'timeline.pause'],
      ['timeline.not_allowed', 'timeline.live'],
    ]);
    expect(serverStateOf(host.room.roomId).timeline.toJSON()).toMatchObject({ mode: 'live', at: 0 });
    viewer.errors.length = 0;
  });

  it('RP3: a time in the future or past retention is refused by name; nothing changes', async () => {
    host.room.send('timeline.seek', { at: Date.now() + 3_600_000 });
    host.room.send('timeline.seek', { at: Date.now() - 400 * 86_400_000 });
    host.room.send('timeline.play', { speed: 10 });
    await host.roundTrip();
    expect(host.errors.map((e) => e.code)).toEqual(['timeline.future', 'timeline.past_retention', 'timeline.live']);
    expect(serverStateOf(host.room.roomId).timeline.mode).toBe('live');
    host.errors.length = 0;
  });

  it('RP1: two clients see the same replayed values and alarms at the same time; the drive is audited', async () => {
    const at = T0 + 45_000;
    host.room.send('timeline.seek', { at });
    for (const c of [host, viewer]) {
      await waitFor('the replayed speed', () => speedOf(c)?.num === 23 && speedOf(c)?.quality === 'good');
      expect(c.room.state.timeline.toJSON()).toMatchObject({ mode: 'replay', at, playing: false, by: 'Hana' });
      const alarm = pump(c).alarms.get('pressureHigh');
      expect(alarm).toMatchObject({ since: T0 + 30_000, ackByName: 'Ola', severity: 'critical' });
    }
    await server.store.drained();
    const audit = await waitForAsync('the timeline drive in the audit log', async () => {
      const rows = await server.store.audit({ space: SPACE, from: 0, to: Date.now() + 1000, limit: 10 });
      return rows.find((r) => r.kind === 'timeline');
    });
    expect(audit).toMatchObject({ actor: { name: 'Hana' }, detail: { action: 'seek', at } });
  });

  it('RP1: a later seek moves everyone; a cleared alarm is gone', async () => {
    host.room.send('timeline.seek', { at: T0 + 100_000 });
    for (const c of [host, viewer]) {
      await waitFor('the replayed speed', () => speedOf(c)?.num === 50.5);
      expect([...pump(c).alarms.values()].map((a) => a.toJSON())).toEqual([]);
    }
  });

  it('RP6: commands and alarm acknowledgements are refused during a replay with twin.replay', async () => {
    host.room.send('twin.command', { twin: 'pump-1', action: 'stop' });
    host.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    await waitFor('the refusals', () => host.errors.length > 1);
    expect(host.errors.map((e) => [e.code, e.ref])).toEqual([
      ['twin.replay', 'twin.command'],
      ['twin.replay', 'twin.alarm_ack'],
    ]);
    expect(serverStateOf(host.room.roomId).twins.get('pump-1')!.commands.size).toBe(0);
    host.errors.length = 0;
  });

  it('RP4: a seek to a time without records shows the machines as no data, not stale values', async () => {
    host.room.send('timeline.seek', { at: T0 + 30 * 60_000 });
    for (const c of [host, viewer]) {
      await waitFor('no data', () => speedOf(c)?.quality === 'no_data');
      expect(pump(c).quality).toBe('no_data');
      expect(speedOf(c)?.num).toBe(0);
    }
  });

  it('RP2: play moves the play head for everyone; pause stops it where it stands, for everyone', async () => {
    host.room.send('timeline.seek', { at: T0, speed: 60 });
    await waitFor('playing', () => viewer.room.state.timeline.playing && viewer.room.state.timeline.speed === 60);
    await waitFor('the head to move on', () => viewer.room.state.timeline.at > T0);
    host.room.send('timeline.pause', {});
    await waitFor('paused', () => !viewer.room.state.timeline.playing);
    const frozen = serverStateOf(host.room.roomId).timeline.at;
    expect(viewer.room.state.timeline.at).toBe(frozen);
    // That the head then stands still is the play head's arithmetic, with a clock the test drives: playhead.test.ts.
  });

  it('RP5: back to live: live values for everyone again', async () => {
    host.room.send('timeline.live', {});
    for (const c of [host, viewer]) {
      await waitFor('live again', () => c.room.state.timeline.mode === 'live' && speedOf(c)?.num === LIVE_SPEED);
      expect([...pump(c).alarms.values()].map((a) => a.toJSON())).toEqual([]);
    }
    host.room.send('twin.command', { twin: 'pump-1', action: 'stop' });
    // Live, the command goes its usual way: pending in the state, or refused for a reason that is not the replay.
    await waitFor('the command handled', () => host.errors.length > 0 || pump(host).commands.size > 0);
    expect(host.errors.map((e) => e.code)).not.toContain('twin.replay');
  });
});
