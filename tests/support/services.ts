/**
 * The real local services some tests use. A test that needs one calls `requireService` first: when the
 * service is down it fails loudly, naming the service and how to start it — it never skips.
 */
import net from 'node:net';

export const MQTT_URL = process.env.TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
export const DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const SERVICES = {
  mosquitto: { host: '127.0.0.1', port: Number(new URL(MQTT_URL).port || 1883), start: 'mosquitto -d (see .ci/run)' },
  postgres: {
    host: '127.0.0.1',
    port: Number(new URL(DATABASE_URL).port || 5432),
    start: 'pg_ctlcluster <version> main start (see .ci/run)',
  },
} as const;

export async function requireService(name: keyof typeof SERVICES): Promise<void> {
  const s = SERVICES[name];
  if (!(await reachable(s.host, s.port)))
    throw new Error(`${name} is not running on ${s.host}:${s.port}: this test needs the real service. Start it: ${s.start}.`);
}

/** The same for Redis, at the URL (with the database number) a test file keeps to itself. */
export async function requireRedis(url: string): Promise<void> {
  const u = new URL(url);
  if (!(await reachable(u.hostname, Number(u.port || 6379))))
    throw new Error(`Redis is not running at ${url}: this test needs the real service (redis-server --daemonize yes, see .ci/run).`);
}

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = net.connect({ host, port });
    socket.setTimeout(2000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

/** A name no other test run uses: MQTT topic prefixes, PostgreSQL schemas. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${process.pid}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 6)}`;
}
