/**
 * Host capacity (issue 13): many people in many spaces (default 100 spaces × 20), the bots of
 * bench/room.ts (bench/roomBots.ts, spread over the spaces), first against one server process, then
 * against two processes sharing a real Redis (REDIS_URL, its own database and key prefix) behind
 * Colyseus' matchmaker — the bots join through both processes alternately, and the matchmaker puts
 * each space's room on one of them. For each setup: every server process's CPU and RSS (/proc), the
 * join time p50 / p99 (the bots join five at a time per thread, as in bench/room.ts), what one client
 * downloads, and the pose latency p50 / p99.
 *
 *   npx tsx bench/hosts.ts [--rooms 100] [--per-room 20] [--hz 5] [--seconds 10] [--workers 2]
 *                          [--redis redis://127.0.0.1:6379/9] [--setups 1,2] [--port 42800]
 *
 * The bots run on this machine beside the servers: the default `--hz 5` (a third of the room
 * bench's rate) is what one bot core can send for 2,000 clients; the table's "sent/s per bot" says
 * whether they kept it. With both cores shared by bots and servers, the two-process figures show
 * the matchmaker spreading rooms and each process's share, not a second machine's headroom.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { RING, type BotsJob } from './roomJob.js';
import { startBotThreads, type BotThreads } from './botWorker.js';
import { percentile } from './stats.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const ROOMS = Number(flag('rooms', '100'));
const PER_ROOM = Number(flag('per-room', '20'));
const HZ = Number(flag('hz', '5'));
const SECONDS = Number(flag('seconds', '10'));
const WORKERS = Number(flag('workers', '2'));
const OBSERVERS = Number(flag('observers', '10'));
const REDIS = flag('redis', 'redis://127.0.0.1:6379/9');
const SETUPS = flag('setups', '1,2').split(',').map(Number);
const PORT = Number(flag('port', '42800'));
const HALL = { width: 32, depth: 24 };

function procStat(pid: number): { cpu: number; rssMB: number } {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpu: (Number(f[11]) + Number(f[12])) / 100, rssMB: rss / 1024 };
}

async function startServer(port: number, redis: boolean): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', DATA_DIR: 'memory' };
  if (redis) {
    // Its own database and prefix: other users of this Redis are not touched. PUBLIC_ADDRESS lets a
    // seat reserved on the other process be reached there.
    Object.assign(env, { REDIS_URL: REDIS, REDIS_PREFIX: `bench-hosts-${process.pid}:`, PUBLIC_ADDRESS: `127.0.0.1:${port}` });
  }
  const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { env, stdio: 'inherit' });
  live.add(server);
  server.once('exit', () => live.delete(server));
  for (let i = 0; ; i++) {
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        store?: { state?: string };
        buildings?: { loading?: string[] };
      };
      if (health.store?.state !== 'ready' || (health.buildings?.loading?.length ?? 0) > 0) throw new Error('not ready');
      return server;
    } catch {
      if (i > 1200 || server.exitCode !== null) throw new Error('hosts.start: the server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Every server this bench started, so an interrupted run (Ctrl-C, a timeout) does not leave them running. */
const live = new Set<ChildProcess>();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const s of live) s.kill('SIGTERM');
    process.exit(1);
  });
}

async function run(processes: number, port: number): Promise<string> {
  const n = ROOMS * PER_ROOM;
  const servers: ChildProcess[] = [];
  let bots: BotThreads | undefined;
  try {
    // One after the other: two processes opening their stores and buildings at once on two cores
    // only slow each other.
    for (let k = 0; k < processes; k++) servers.push(await startServer(port + k, processes > 1));
    const sends = new SharedArrayBuffer(n * RING * 3 * 8);
    const cursors = new SharedArrayBuffer(n * 4);
    const count = Math.min(OBSERVERS, n);
    const observers = Array.from({ length: count }, (_, k) => Math.floor((k * n) / count));
    const joinStart = performance.now();
    bots = await startBotThreads('./roomBots.ts', n, WORKERS, (from, to): BotsJob => ({
      endpoint: `ws://127.0.0.1:${port}`,
      endpoints: servers.map((_, k) => `ws://127.0.0.1:${port + k}`),
      space: 'hall',
      rooms: ROOMS,
      from,
      to,
      n,
      hz: HZ,
      observers,
      hall: HALL,
      sends,
      cursors,
      seed: 1,
    }));
    const joinedIn = (performance.now() - joinStart) / 1000;
    bots.start();
    await new Promise((r) => setTimeout(r, 1000));
    const before = servers.map((s) => procStat(s.pid!));
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const after = servers.map((s) => procStat(s.pid!));
    const wall = (performance.now() - t0) / 1000;
    const reports = await bots.stop();
    const obs = reports.flatMap((r) => r.observers);
    const lat = obs.flatMap((o) => o.latAll);
    const joins = reports.flatMap((r) => r.joinMs ?? []);
    const refusals: Record<string, number> = {};
    for (const r of reports) for (const [code, c] of Object.entries(r.refusals)) refusals[code] = (refusals[code] ?? 0) + c;
    const cpu = after.map((a, k) => `${(((a.cpu - before[k]!.cpu) / wall) * 100).toFixed(0)} %`).join(' + ');
    const rss = after.map((a) => `${a.rssMB.toFixed(0)} MB`).join(' + ');
    const down = obs.reduce((s, o) => s + o.bytesDown, 0) / obs.length / wall / 1024;
    const sentPerBot = reports.reduce((s, r) => s + r.sent, 0) / (wall + 1) / n;
    return (
      `| ${processes}${processes > 1 ? ' (Redis)' : ''} | ${n} in ${ROOMS} × ${PER_ROOM} | ${cpu} | ${rss} | ` +
      `${percentile(joins, 50).toFixed(0)} / ${percentile(joins, 99).toFixed(0)} ms (all in ${joinedIn.toFixed(0)} s) | ` +
      `${down.toFixed(1)} KB/s | ${percentile(lat, 50).toFixed(0)} / ${percentile(lat, 99).toFixed(0)} ms | ${sentPerBot.toFixed(1)} | ` +
      `${
        Object.entries(refusals)
          .map(([c, k]) => `${c} ${k}`)
          .join(', ') || 'none'
      } |`
    );
  } finally {
    await bots?.terminate();
    for (const s of servers) s.kill('SIGTERM');
    await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : null)));
  }
}

console.log(
  `hosts: ${ROOMS} spaces × ${PER_ROOM} bots at ${HZ} Hz (lighter than room.ts' 15 Hz: one bot core drives them all), ` +
    `${SECONDS} s measured, ${WORKERS} bot threads, ${OBSERVERS} observers, ${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, ` +
    `${new Date().toISOString()}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
console.log('| processes | people | server CPU | RSS | join p50 / p99 | down / client | latency p50 / p99 | sent/s per bot | refusals |');
console.log('|---|---|---|---|---|---|---|---|---|');
let port = PORT;
for (const processes of SETUPS) {
  try {
    console.log(await run(processes, port));
  } catch (err) {
    // A setup the machine cannot carry (joins failing after their retries) is a result too: say so and go on.
    const first = String((err as Error).message).split('\n')[0];
    console.log(
      `| ${processes}${processes > 1 ? ' (Redis)' : ''} | ${ROOMS * PER_ROOM} in ${ROOMS} × ${PER_ROOM} | failed: ${first} |||||||`,
    );
  }
  port += processes;
}
console.log(
  `load at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
