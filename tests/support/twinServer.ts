/**
 * A real server wired to the real Mosquitto and PostgreSQL for one test file: its own assets folder
 * (factory twins under a topic prefix of this run), its own PostgreSQL schema, an MQTT client playing
 * the devices. `close()` removes everything it made.
 */
import { connectAsync, type MqttClient } from 'mqtt';
import type { TwinPropertyState, TwinState } from '../../shared/state/twin.js';
import type { Config } from '../../server/config.js';
import { startTestServer, type TestServer } from './server.js';
import { DATABASE_URL, MQTT_URL, requireService, uniqueName } from './services.js';
import { makeTwinAssets, type TestLayout, type TwinAssets } from './twinAssets.js';
import type { TestClient } from './clients.js';
import { waitFor } from './wait.js';
import { dropSchema } from './stores.js';

export const INGEST_TOKEN = 'test-ingest-token-0123456789';

export interface TwinServer {
  server: TestServer;
  assets: TwinAssets;
  /** MQTT client acting as the machines. */
  device: MqttClient;
  schema: string;
  /** http://127.0.0.1:port */
  base: string;
  close(): Promise<void>;
}

export async function startTwinServer(
  layouts: Record<string, TestLayout>,
  env: Record<string, string> = {},
  tweak?: (id: string, td: Record<string, unknown>) => void,
  extraFiles?: Record<string, string>,
  overrides: Partial<Config> = {},
): Promise<TwinServer> {
  await requireService('mosquitto');
  await requireService('postgres');
  const assets = makeTwinAssets(uniqueName('tv'), layouts, tweak, extraFiles);
  const schema = uniqueName('tvtest').toLowerCase();
  // Commands wait the product's default 5 s for a device's answer, so an answer is never late on a
  // loaded machine; a test whose subject is the timeout waits it out on the named state.
  const server = await startTestServer(overrides, {
    ASSETS_DIR: assets.dir,
    MQTT_URL,
    DATABASE_URL,
    DATABASE_SCHEMA: schema,
    INGEST_TOKEN,
    PATCH_RATE_MS: '50',
    ...env,
  });
  const device = await connectAsync(MQTT_URL, { reconnectPeriod: 0 });
  await waitFor('the server to connect to Mosquitto', () => server.twins.mqttConnected === true, 5000);
  return {
    server,
    assets,
    device,
    schema,
    base: server.url.replace('localhost', '127.0.0.1'),
    async close() {
      await device.endAsync(true).catch(() => undefined);
      await server.close();
      await dropSchema(schema);
      assets.remove();
    },
  };
}

export interface IngestCounters {
  accepted: number;
  refused: number;
  unknownTwin: number;
  unknownProperty: number;
  malformed: number;
}

/** The server's ingest counters (GET /api/twins). */
export async function ingestCounters(base: string): Promise<IngestCounters> {
  return ((await (await fetch(`${base}/api/twins`)).json()) as { ingest: IngestCounters }).ingest;
}

export function twinOf(c: TestClient, id: string): TwinState | undefined {
  return c.room.state.twins.get(id);
}

export function propOf(c: TestClient, twin: string, name: string): TwinPropertyState | undefined {
  return c.room.state.twins.get(twin)?.properties.get(name);
}

/** Publishes a payload (object/number → JSON) and waits until the broker has it (QoS 1). */
export async function publish(device: MqttClient, topic: string, payload: unknown): Promise<void> {
  await device.publishAsync(topic, typeof payload === 'string' ? payload : JSON.stringify(payload), { qos: 1 });
}
