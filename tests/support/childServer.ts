/**
 * The real server as a child process (`node --import tsx server/main.ts`), for tests that stop it
 * with SIGTERM or SIGKILL and start it again on the same store. Ready once `/health` says its store is
 * open; each test kills what it started with {@link killAll}.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { waitForAsync } from './wait.js';

export interface ChildServer {
  port: number;
  /** http://127.0.0.1:port */
  base: string;
  /** ws://127.0.0.1:port (colyseus.js) */
  endpoint: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

export interface Health {
  store: { state: string; queued: number };
  lastValuesSaved?: number;
}

const children = new Set<ChildProcess>();

export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export async function health(base: string): Promise<Health | null> {
  return fetch(`${base}/health`).then(
    (r) => r.json() as Promise<Health>,
    () => null,
  );
}

/** Starts the server with `env` (on `port`, or a free one) and waits for its store to be open. */
export async function startChild(env: Record<string, string>, port?: number, readyMs = 600_000): Promise<ChildServer> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, PORT: String(p), HOST: '127.0.0.1', LOG_LEVEL: 'warn', VIDEO: 'off', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.add(child);
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  void exited.then(() => children.delete(child));
  const base = `http://127.0.0.1:${p}`;
  await waitForAsync('the server up with its store open', async () => (await health(base))?.store.state === 'ready', readyMs, 200);
  return { port: p, base, endpoint: `ws://127.0.0.1:${p}`, child, exited };
}

/** Waits until every write the server queued so far is in the store. */
export async function settledWrites(base: string, timeoutMs = 30_000): Promise<Health> {
  return waitForAsync(
    'the store write queue empty',
    async () => {
      const h = await health(base);
      return h?.store.state === 'ready' && h.store.queued === 0 ? h : undefined;
    },
    timeoutMs,
    50,
  );
}

export function killAll(): void {
  for (const c of children) c.kill('SIGKILL');
}
