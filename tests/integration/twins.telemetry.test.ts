/**
 * Telemetry over the real Mosquitto into a real server, seen by real colyseus.js clients
 * (SPEC MQ1, MQ2, TV1–TV4 named one by one below, Q1, AL1, TW3, TW6, TW9). Each run uses its own topic
 * prefix. The twin runtime runs on a clock this file drives: nothing turns stale unless a test says
 * so, however long the machine takes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TwinMessageType, type TwinEventMessage } from '../../shared/protocol/twinMessages.js';
import { join } from '../support/clients.js';
import type { TestLayout } from '../support/twinAssets.js';
import { ingestCounters, propOf, publish, startTwinServer, twinOf, type TwinServer } from '../support/twinServer.js';
import { waitFor, waitForAsync } from '../support/wait.js';
import { ManualClock } from '../support/clock.js';

let t: TwinServer;
const clock = new ManualClock();
const ALL: TestLayout['twins'] = [
  { twin: 'cnc-1', position: [-6, 0, -3] },
  { twin: 'conveyor-1', position: [0, 0, -5] },
  { twin: 'pump-1', position: [6, 0, -3] },
];

beforeAll(async () => {
  t = await startTwinServer(
    { floor: { twins: ALL }, annex: { twins: [{ twin: 'pump-1', position: [2, 0, 2], yawDeg: 90, scale: 0.5 }] } },
    {},
    (id, td) => {
      if (id === 'cnc-1')
        td.events = {
          toolBroken: {
            data: { type: 'object', properties: { tool: { type: 'integer' } }, required: ['tool'] },
            forms: [{ href: 'twinverse/factory/cnc-1/events/toolBroken' }],
          },
        };
    },
    undefined,
    { twinClock: clock },
  );
});
afterAll(async () => {
  await t?.close();
});

const stats = () => ingestCounters(t.base);

describe('telemetry from MQTT', () => {
  it('TW3 S2: the layout places its twins in the space state with title, source and placement', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    expect([...a.room.state.twins.keys()].sort()).toEqual(['cnc-1', 'conveyor-1', 'pump-1']);
    const cnc = twinOf(a, 'cnc-1')!;
    expect(cnc.title).toBe('CNC mill 1');
    expect(cnc.source).toBe('mqtt');
    expect(cnc.px).toBe(-6);
    expect(cnc.parts.get('cover')?.holder).toBe('');
    expect(propOf(a, 'cnc-1', 'spindleSpeed')?.unit).toBe('rpm');
    await a.room.leave();
  });

  it('TW3: two spaces showing the same machine show the same values, each with its own placement', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const b = await join(t.server.endpoint, { space: 'annex' });
    expect(a.room.roomId).not.toBe(b.room.roomId);
    expect([...b.room.state.twins.keys()]).toEqual(['pump-1']);
    expect(twinOf(b, 'pump-1')?.scale).toBe(0.5);
    expect(twinOf(b, 'pump-1')?.qy).toBeCloseTo(Math.SQRT1_2, 5);
    await publish(t.device, t.assets.topic('pump-1', 'properties', 'power'), 7.25);
    await waitFor('both spaces', () => propOf(a, 'pump-1', 'power')?.num === 7.25 && propOf(b, 'pump-1', 'power')?.num === 7.25);
    await a.room.leave();
    await b.room.leave();
  });

  it('MQ1 MQ2: a value published on the TD topic reaches a client; an envelope carries its timestamp', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    await publish(t.device, t.assets.topic('cnc-1', 'properties', 'spindleSpeed'), 4321);
    await waitFor('spindleSpeed 4321', () => propOf(a, 'cnc-1', 'spindleSpeed')?.num === 4321);
    expect(propOf(a, 'cnc-1', 'spindleSpeed')?.quality).toBe('good');
    expect(twinOf(a, 'cnc-1')?.quality).toBe('good');
    const ts = Date.now() - 1234;
    await publish(t.device, t.assets.topic('cnc-1', 'properties', 'spindleSpeed'), { value: 4400, ts });
    await waitFor('enveloped value', () => propOf(a, 'cnc-1', 'spindleSpeed')?.num === 4400);
    expect(propOf(a, 'cnc-1', 'spindleSpeed')?.ts).toBe(ts);
    // A Thing-level observeallproperties topic carries several at once.
    await publish(t.device, t.assets.topic('pump-1', 'properties'), { flow: 42.5, running: true });
    await waitFor('all-properties message', () => propOf(a, 'pump-1', 'flow')?.num === 42.5);
    expect(propOf(a, 'pump-1', 'running')?.num).toBe(1);
    await a.room.leave();
  });

  it('V1 V2 V3: out-of-range, wrong-type and non-JSON payloads are refused and counted, never written; unknown properties are counted', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const topic = t.assets.topic('conveyor-1', 'properties', 'beltSpeed');
    await publish(t.device, topic, 1.25);
    await waitFor('good value', () => propOf(a, 'conveyor-1', 'beltSpeed')?.num === 1.25);
    const before = await stats();
    await publish(t.device, topic, 99); // maximum is 2.5
    await publish(t.device, topic, '"fast"');
    await publish(t.device, topic, 'not json');
    await publish(t.device, t.assets.topic('conveyor-1', 'properties'), { noSuchProperty: 1 });
    const after = await waitForAsync('refusals counted', async () => {
      const s = await stats();
      return s.refused - before.refused >= 3 && s.unknownProperty > before.unknownProperty ? s : undefined;
    });
    expect(after.refused - before.refused).toBe(3);
    expect(after.malformed - before.malformed).toBe(1);
    expect(after.unknownProperty - before.unknownProperty).toBe(1);
    await waitFor('quality bad', () => propOf(a, 'conveyor-1', 'beltSpeed')?.quality === 'bad');
    expect(propOf(a, 'conveyor-1', 'beltSpeed')?.num).toBe(1.25);
    const detail = (await (await fetch(`${t.base}/api/twins/conveyor-1`)).json()) as {
      properties: Record<string, { refused: number; value: unknown }>;
    };
    expect(detail.properties.beltSpeed!.refused).toBe(2);
    expect(detail.properties.beltSpeed!.value).toBe(1.25);
    await publish(t.device, topic, 1.5);
    await waitFor('good again', () => propOf(a, 'conveyor-1', 'beltSpeed')?.quality === 'good');
    await a.room.leave();
  });

  it('Q1: silence past staleAfter marks a property and its twin stale; new data marks them good', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const topic = t.assets.topic('pump-1', 'properties', 'outletPressure');
    await publish(t.device, topic, 3.1);
    await waitFor('good', () => propOf(a, 'pump-1', 'outletPressure')?.quality === 'good');
    const live = t.server.twins.get('pump-1')!;
    const limitMs = live.def.ext.staleAfter * 1000;
    // Just inside staleAfter: still good, on the server itself (no patch carries "nothing changed").
    clock.advance(limitMs - 1);
    t.server.twins.checkStale();
    expect(live.properties.get('outletPressure')!.quality).toBe('good');
    expect(live.quality).toBe('good');
    // Just past it: the property and, every property being silent now, the twin turn stale.
    clock.advance(2);
    t.server.twins.checkStale();
    await waitFor(
      'stale at the client',
      () => propOf(a, 'pump-1', 'outletPressure')?.quality === 'stale' && twinOf(a, 'pump-1')?.quality === 'stale',
    );
    await publish(t.device, topic, 3.2);
    await waitFor('good again', () => propOf(a, 'pump-1', 'outletPressure')?.quality === 'good' && twinOf(a, 'pump-1')?.quality === 'good');
    await a.room.leave();
  });

  it('AL1: an alarm raises above its threshold, holds inside the hysteresis band, clears below it', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const b = await join(t.server.endpoint, { space: 'floor' });
    const topic = t.assets.topic('cnc-1', 'properties', 'motorTemperature');
    await publish(t.device, topic, 85);
    const alarm = await waitFor('motorHot raised', () => twinOf(b, 'cnc-1')?.alarms.get('motorHot'));
    expect(alarm.severity).toBe('warning');
    expect(alarm.message).toBe('Spindle motor hot');
    expect(alarm.value).toBe(85);
    expect(alarm.since).toBeGreaterThan(0);
    await publish(t.device, topic, 77); // above 80 − 5: still active
    // Alarms are judged in the same write as the value (server/twins/ingest.ts), so the patch that
    // carries 77 carries the alarm's state too.
    await waitFor('77 seen', () => propOf(a, 'cnc-1', 'motorTemperature')?.num === 77);
    expect(twinOf(a, 'cnc-1')?.alarms.has('motorHot')).toBe(true);
    await publish(t.device, topic, 74);
    await waitFor(
      'motorHot cleared',
      () => twinOf(a, 'cnc-1')?.alarms.has('motorHot') === false && twinOf(b, 'cnc-1')?.alarms.has('motorHot') === false,
    );
    await a.room.leave();
    await b.room.leave();
  });

  it('TW9: an event published on its TD topic reaches every client in the space as twin.event; bad data is refused', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const events: TwinEventMessage[] = [];
    a.room.onMessage(TwinMessageType.Event, (m: TwinEventMessage) => events.push(m));
    const before = await stats();
    await publish(t.device, `${t.assets.prefix}/twinverse/factory/cnc-1/events/toolBroken`, { tool: 'T3' });
    await waitForAsync('bad event data refused', async () => (await stats()).refused > before.refused);
    await publish(t.device, `${t.assets.prefix}/twinverse/factory/cnc-1/events/toolBroken`, { tool: 3 });
    const e = await waitFor('event', () => events[0]);
    expect(e).toMatchObject({ twin: 'cnc-1', event: 'toolBroken', data: { tool: 3 } });
    expect(e.ts).toBeGreaterThan(Date.now() - 5000);
    expect(events).toHaveLength(1);
    await a.room.leave();
  });

  it('TW6: a burst of 500 values costs a few patches; the client ends on the last value', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const topic = t.assets.topic('pump-1', 'properties', 'flow');
    let patches = 0;
    a.room.onStateChange(() => patches++);
    const before = (await stats()).accepted;
    const t0 = Date.now();
    for (let i = 1; i <= 500; i++) t.device.publish(topic, String(i / 10));
    await waitFor('last value', () => propOf(a, 'pump-1', 'flow')?.num === 50, 5000);
    const elapsed = Date.now() - t0;
    expect((await stats()).accepted - before).toBeGreaterThanOrEqual(500);
    // One patch per 50 ms at most, whatever the message rate (plus the one in flight).
    expect(patches).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 2);
    expect(patches).toBeLessThan(100);
    await a.room.leave();
  });
});
