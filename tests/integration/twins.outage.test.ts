/**
 * Broker outage (SPEC MQ5): the server reaches the real Mosquitto through a proxy the test cuts. Its
 * twins go stale at once, the server keeps serving, and when the broker is back the client reconnects
 * by itself and values flow again. Also: a broker that is not there at start-up crashes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from '../support/clients.js';
import { startTestServer } from '../support/server.js';
import { MQTT_URL, requireService } from '../support/services.js';
import { startTcpProxy, type TcpProxy } from '../support/tcpProxy.js';
import { propOf, publish, startTwinServer, twinOf, type TwinServer } from '../support/twinServer.js';
import { makeTwinAssets } from '../support/twinAssets.js';
import { waitFor } from '../support/wait.js';

let proxy: TcpProxy;
let t: TwinServer;

beforeAll(async () => {
  await requireService('mosquitto');
  const broker = new URL(MQTT_URL);
  proxy = await startTcpProxy(broker.hostname, Number(broker.port || 1883));
  t = await startTwinServer(
    { floor: { twins: [{ twin: 'pump-1', position: [0, 0, -3] }] } },
    { MQTT_URL: `mqtt://127.0.0.1:${proxy.port}` },
  );
});
afterAll(async () => {
  await t?.close();
  await proxy?.close();
});

describe('broker outage', () => {
  it('MQ5: broker down → twins stale at once, the room keeps serving; broker back → reconnect with backoff, values flow', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const topic = t.assets.topic('pump-1', 'properties', 'flow');
    await publish(t.device, topic, 10);
    await waitFor('good before the outage', () => twinOf(a, 'pump-1')?.quality === 'good');
    proxy.cut();
    await waitFor(
      'stale at once (well before staleAfter = 3 s)',
      () => twinOf(a, 'pump-1')?.quality === 'stale' && propOf(a, 'pump-1', 'flow')?.quality === 'stale',
      1500,
    );
    expect(t.server.twins.mqttConnected).toBe(false);
    // While it stays down, each failed attempt doubles the wait before the next (0.5 s → 30 s).
    await waitFor('backoff grows', () => (t.server.twins.mqttBackoffMs ?? 0) >= 2000, 8000);
    const api = (await (await fetch(`${t.base}/api/twins`)).json()) as { mqtt: { connected: boolean; backoffMs: number } };
    expect(api.mqtt.connected).toBe(false);
    expect(api.mqtt.backoffMs).toBeGreaterThanOrEqual(2000);
    // The space still works.
    const b = await join(t.server.endpoint, { space: 'floor' });
    expect(twinOf(b, 'pump-1')?.quality).toBe('stale');
    proxy.restore();
    await waitFor('reconnected', () => t.server.twins.mqttConnected === true, 10_000);
    expect(t.server.twins.mqttBackoffMs).toBe(500); // reset once connected
    await publish(t.device, topic, 11);
    await waitFor('values flow again', () => propOf(a, 'pump-1', 'flow')?.num === 11 && twinOf(a, 'pump-1')?.quality === 'good');
    await a.room.leave();
    await b.room.leave();
  });

  it('MQ5: a broker that is not reachable at start-up leaves the server up with stale twins', async () => {
    const assets = makeTwinAssets('unused', { floor: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }] } });
    const closed = await startTcpProxy('127.0.0.1', 9); // nothing listens on the discard port
    closed.cut();
    const server = await startTestServer({}, { ASSETS_DIR: assets.dir, MQTT_URL: `mqtt://127.0.0.1:${closed.port}` });
    try {
      const a = await join(server.endpoint, { space: 'floor' });
      expect(twinOf(a, 'cnc-1')?.quality).toBe('stale');
      expect(twinOf(a, 'cnc-1')?.source).toBe('mqtt');
      expect(server.twins.mqttConnected).toBe(false);
      await a.room.leave();
    } finally {
      await server.close();
      await closed.close();
      assets.remove();
    }
  });
});
