/**
 * Issue 10 fault 3 (SPEC HD9, MQ5): a command everyone was told timed out never acts afterwards.
 *
 * - A broker of the test's own is killed and started again (the shared Mosquitto is never stopped):
 *   twins go stale and live again without a server restart; a command sent while it is down ends
 *   `timed_out` at once and no device hears it once the broker is back.
 * - A network that silently loses packets (the server believes it is connected): the command is
 *   published into the void, times out, and is withdrawn from mqtt.js's queue, so the reconnection
 *   does not deliver it late.
 *
 * "Never heard" is proved by order, not by waiting: MQTT keeps one publisher's QoS 1 messages to a
 * topic in order, so once the device hears a later command, an earlier one would have come first.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAsync, type MqttClient } from 'mqtt';
import { join } from '../support/clients.js';
import { MQTT_URL } from '../support/services.js';
import { startOwnBroker, type OwnBroker } from '../support/ownBroker.js';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.js';
import { propOf, publish, startTwinServer, twinOf, type TwinServer } from '../support/twinServer.js';
import { waitFor } from '../support/wait.js';

/** Longer than the product's command timeout (5 s): for waits whose subject it is. */
const PAST_TIMEOUT_MS = 15_000;
const LAYOUT = { floor: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] as [number, number, number] }] } };

type Heard = { id: string; action: string; expiresAt?: number; at: number };

/** A device on `url` that hears the twin's commands and reconnects (and resubscribes) by itself. */
async function device(url: string, topic: string): Promise<{ client: MqttClient; heard: Heard[]; subscribed: () => number }> {
  const heard: Heard[] = [];
  let subscriptions = 0;
  const client = await connectAsync(url, { reconnectPeriod: 100, protocolVersion: 5 });
  client.on('message', (_t, payload) => heard.push(JSON.parse(payload.toString()) as Heard));
  const subscribe = () => client.subscribe(topic, { qos: 1 }, (err) => void (err || subscriptions++));
  client.on('connect', subscribe);
  subscribe();
  return { client, heard, subscribed: () => subscriptions };
}

describe('a timed-out command never acts later (issue 10 fault 3)', () => {
  let broker: OwnBroker;
  let t: TwinServer;
  let dev: Awaited<ReturnType<typeof device>>;

  beforeAll(async () => {
    broker = await startOwnBroker();
    t = await startTwinServer(LAYOUT, { MQTT_URL: broker.url });
    dev = await device(broker.url, t.assets.topic('cnc-1', 'actions', '+'));
    await waitFor('device subscribed', () => dev.subscribed() >= 1);
  });
  afterAll(async () => {
    await dev?.client.endAsync(true);
    await t?.close();
    await broker?.close();
  });

  it('HD9 MQ5: broker killed and back: stale then live without a restart; a command sent while it was down is timed_out at once and never reaches the device', async () => {
    const a = await join(t.server.endpoint, { space: 'floor', name: 'Ada' });
    const value = async (n: number) => {
      const device = await connectAsync(broker.url, { reconnectPeriod: 0 });
      await publish(device, t.assets.topic('cnc-1', 'properties', 'spindleSpeed'), n);
      await device.endAsync();
      await waitFor(`value ${n}`, () => propOf(a, 'cnc-1', 'spindleSpeed')?.num === n && twinOf(a, 'cnc-1')?.quality === 'good');
    };
    await value(1000);

    await broker.kill();
    await waitFor('stale at once', () => twinOf(a, 'cnc-1')?.quality === 'stale', 2000);
    a.room.send('twin.command', { twin: 'cnc-1', action: 'changeTool' });
    const lost = await waitFor('timed out at once', () =>
      [...(twinOf(a, 'cnc-1')?.commands.values() ?? [])].find((c) => c.status === 'timed_out'),
    );
    expect(lost.reason).toMatch(/not sent: the MQTT broker is unreachable/);

    const subscribedBefore = dev.subscribed();
    await broker.start();
    await waitFor('server reconnected', () => t.server.twins.mqttConnected === true, 10_000);
    await waitFor('device resubscribed', () => dev.subscribed() > subscribedBefore, 10_000);
    await value(2000); // live again, same server process

    a.room.send('twin.command', { twin: 'cnc-1', action: 'changeTool' });
    const next = await waitFor('device hears the next command', () => dev.heard.find((h) => h.id !== lost.id), 5000);
    expect(dev.heard.map((h) => h.id)).toEqual([next.id]);
    expect(next.expiresAt).toBe(next.at + 5000);
    await a.room.leave();
  });
});

describe('a command lost in a silent network is withdrawn when it times out (issue 10 fault 3)', () => {
  let proxy: TcpProxy;
  let t: TwinServer;
  let dev: Awaited<ReturnType<typeof device>>;

  beforeAll(async () => {
    const shared = new URL(MQTT_URL);
    proxy = await startTcpProxy(shared.hostname, Number(shared.port || 1883));
    t = await startTwinServer(LAYOUT, { MQTT_URL: `mqtt://127.0.0.1:${proxy.port}` });
    // The device talks to the broker directly and stays subscribed throughout: a late resend would reach it.
    dev = await device(MQTT_URL, t.assets.topic('cnc-1', 'actions', '+'));
    await waitFor('device subscribed', () => dev.subscribed() >= 1);
  });
  afterAll(async () => {
    await dev?.client.endAsync(true);
    await t?.close();
    await proxy?.close();
  });

  it('HD9 MQ4: published into a black hole, timed out, withdrawn: the reconnection does not deliver it; its late answer is counted and ignored', async () => {
    const a = await join(t.server.endpoint, { space: 'floor', name: 'Ada' });
    proxy.blackhole();
    a.room.send('twin.command', { twin: 'cnc-1', action: 'changeTool' });
    const lost = await waitFor(
      'timed out after the full timeout',
      () => [...(twinOf(a, 'cnc-1')?.commands.values() ?? [])].find((c) => c.status === 'timed_out'),
      PAST_TIMEOUT_MS,
    );
    expect(lost.reason).toMatch(/no answer/);
    proxy.cut();
    await waitFor('server sees the broker gone', () => t.server.twins.mqttConnected === false, 5000);
    proxy.restore();
    await waitFor('server reconnected', () => t.server.twins.mqttConnected === true, 10_000);

    a.room.send('twin.command', { twin: 'cnc-1', action: 'changeTool' });
    const next = await waitFor('device hears the next command', () => dev.heard.find((h) => h.id !== lost.id), 5000);
    expect(dev.heard.map((h) => h.id)).toEqual([next.id]);

    // A device answering the timed-out command (it acted anyway, or a replay) changes nothing.
    const before = t.server.twins.commands.expiredAnswers;
    await publish(dev.client, `${t.assets.topic('cnc-1', 'actions', 'changeTool')}/ack`, { id: lost.id, ok: true });
    await waitFor('late answer to a timed-out command counted', () => t.server.twins.commands.expiredAnswers === before + 1);
    expect(twinOf(a, 'cnc-1')!.commands.get(lost.id)?.status).toBe('timed_out');
    await a.room.leave();
  });
});
