/**
 * Several server processes sharing spaces through the real Redis (REDIS_URL): a client that
 * matchmakes through process B lands in the room process A created, and both see each other; a
 * value pushed over HTTP to either process reaches a room on the other.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import readline from 'node:readline';
import { join } from '../support/clients.js';
import { waitFor } from '../support/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/3';
const INGEST_TOKEN = 'scale-out-ingest-token-0123';
const procs: ChildProcess[] = [];

async function redisReachable(url: string): Promise<boolean> {
  const u = new URL(url);
  return new Promise((resolve) => {
    const s = net.connect({ host: u.hostname, port: Number(u.port || 6379) }, () => {
      s.end();
      resolve(true);
    });
    s.on('error', () => resolve(false));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts `server/main.ts` in a child process and resolves when it says it is listening (its "Twinverse
 * is running" log line): the named state, not a deadline. A child compiling TypeScript on a busy
 * machine may take a minute; only the hook's limit bounds it. A child that exits first fails at once.
 */
async function startProcess(port: number): Promise<void> {
  const p = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      REDIS_URL,
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      // Machines report over HTTP only here: each process's own simulator would write over the pushes.
      SIMULATOR: 'off',
      INGEST_TOKEN,
      DATA_DIR: 'memory',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  procs.push(p);
  await new Promise<void>((resolve, reject) => {
    const exited = (code: number | null) => reject(new Error(`server on ${port} exited with ${code} before it was listening`));
    p.once('exit', exited);
    readline.createInterface({ input: p.stdout! }).on('line', (line) => {
      const entry = parseLogLine(line);
      // Warnings and errors stay visible, as with LOG_LEVEL=warn; the rest is only read for readiness.
      if (!entry || entry.level >= 40) process.stderr.write(`${line}\n`);
      if (entry?.msg.startsWith('Twinverse is running')) {
        p.off('exit', exited);
        resolve();
      }
    });
  });
}

function parseLogLine(line: string): { level: number; msg: string } | null {
  try {
    const e = JSON.parse(line) as { level?: unknown; msg?: unknown };
    return typeof e.level === 'number' && typeof e.msg === 'string' ? { level: e.level, msg: e.msg } : null;
  } catch {
    return null;
  }
}

let portA = 0;
let portB = 0;

beforeAll(async () => {
  if (!(await redisReachable(REDIS_URL))) {
    throw new Error(
      `Redis is not reachable at ${REDIS_URL}. Start it (e.g. \`redis-server --daemonize yes\`) — .ci/run does — or set TEST_REDIS_URL.`,
    );
  }
  portA = await freePort();
  portB = await freePort();
  await Promise.all([startProcess(portA), startProcess(portB)]);
}, 240_000);

afterAll(async () => {
  for (const p of procs) p.kill('SIGTERM');
  await Promise.all(procs.map((p) => new Promise((r) => (p.exitCode !== null ? r(null) : p.once('exit', r)))));
});

describe('scale-out with Redis (SPEC S3)', () => {
  it('S3: clients matchmaking through two processes meet in one space', async () => {
    const space = `scale-${Date.now().toString(36)}`;
    const a = await join(`ws://127.0.0.1:${portA}`, { space, name: 'Via A' });
    const b = await join(`ws://127.0.0.1:${portB}`, { space, name: 'Via B' });
    expect(b.room.roomId).toBe(a.room.roomId);
    await waitFor('A sees B', () => a.room.state.avatars.get(b.room.sessionId)?.name === 'Via B');
    await waitFor('B sees A', () => b.room.state.avatars.get(a.room.sessionId)?.name === 'Via A');
    await a.room.leave();
    await b.room.leave();
  });

  it('S3 H6: a value pushed over HTTP to either process reaches a room on the other', async () => {
    const c = await join(`ws://127.0.0.1:${portA}`, { space: 'factory', name: 'Watcher' });
    const push = (port: number, values: Record<string, number>) =>
      fetch(`http://127.0.0.1:${port}/api/twins/pump-1/properties`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${INGEST_TOKEN}` },
        body: JSON.stringify(values),
      });
    // The room lives on one of the two: one of these pushes has to cross to it through Redis.
    expect((await push(portA, { flow: 41.5 })).status).toBe(200);
    expect((await push(portB, { outletPressure: 3.25 })).status).toBe(200);
    const prop = (name: string) => c.room.state.twins.get('pump-1')?.properties.get(name);
    await waitFor('the push to A in the room', () => prop('flow')?.num === 41.5);
    await waitFor('the push to B in the room', () => prop('outletPressure')?.num === 3.25);
    expect(prop('flow')!.quality).toBe('good');
    // Both processes hold both values (GET /api/twins/:id answers from the process asked).
    for (const port of [portA, portB]) {
      const body = (await (await fetch(`http://127.0.0.1:${port}/api/twins/pump-1`)).json()) as {
        properties: Record<string, { value: unknown }>;
      };
      expect([body.properties.flow!.value, body.properties.outletPressure!.value]).toEqual([41.5, 3.25]);
    }
    await c.room.leave();
  });
});
