/**
 * Room capacity: N bots (real clients in worker threads, head and both hands moving as people walk
 * and look about) in one space of a real server running as a child process. For each N prints the
 * server's CPU (utime + stime of the child, /proc) and RSS, what one client downloads and uploads on
 * its socket (TCP payload, WebSocket framing included), the pose latency (receive time minus the send
 * time of that very pose, carried through shared memory between the bot threads) overall and for
 * avatars within 10 m, and pose updates per second per avatar by distance tier (≤ 10 m, ≤ 20 m, far).
 *
 *   npx tsx bench/room.ts [--n 25,50,100,200,400] [--hz 15] [--seconds 10] [--workers 2] [--pin]
 *                         [--port 42400] [--observers 6]
 *
 * `--pin` runs the server on CPU 0 and the bots on CPU 1 (taskset), as the figures in issue 13 were
 * taken. CPU and latency figures need a quiet machine; bytes and update counts do not.
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
const SIZES = flag('n', '25,50,100,200,400').split(',').map(Number);
const HZ = Number(flag('hz', '15'));
const SECONDS = Number(flag('seconds', '10'));
const WORKERS = Number(flag('workers', '2'));
const OBSERVERS = Number(flag('observers', '6'));
const PORT = Number(flag('port', '42400'));
const PIN = process.argv.includes('--pin');
const SPACE = flag('space', 'factory');
const HALL = { width: 32, depth: 24 };

function procStat(pid: number): { cpu: number; rssMB: number } {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpu: (Number(f[11]) + Number(f[12])) / 100, rssMB: rss / 1024 };
}

async function startServer(port: number): Promise<ChildProcess> {
  const args = ['--import', 'tsx', 'server/main.ts'];
  const server = PIN
    ? spawn('taskset', ['-c', '0', process.execPath, ...args], { env: env(port), stdio: 'inherit' })
    : spawn(process.execPath, args, { env: env(port), stdio: 'inherit' });
  // Up, its store open and its buildings read: start-up work (the store, the IFC reader's thread)
  // would otherwise land in the first size's CPU window.
  for (let i = 0; ; i++) {
    try {
      const health = (await (await fetch(`http://127.0.0.1:${port}/health`)).json()) as {
        store?: { state?: string };
        buildings?: { loading?: string[] };
      };
      if (health.store?.state !== 'ready' || (health.buildings?.loading?.length ?? 0) > 0) throw new Error('not ready');
      return server;
    } catch {
      if (i > 1200 || server.exitCode !== null) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function env(port: number): NodeJS.ProcessEnv {
  return { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'error', DATA_DIR: 'memory' };
}

/** The pid of the node process itself (taskset execs it, so it is the same pid). */
function serverPid(server: ChildProcess): number {
  return server.pid!;
}

interface Row {
  n: number;
  cpu: number;
  rssMB: number;
  downKBs: number;
  upKBs: number;
  p50: number;
  p99: number;
  nearP50: number;
  nearP99: number;
  perTier: [number, number, number];
  sentPerSecond: number;
  refusals: Record<string, number>;
  unmatched: number;
  /** Bytes down per pose update received: the wire cost of one avatar's move. */
  bytesPerUpdate: number;
}

async function run(n: number, port: number): Promise<Row> {
  const server = await startServer(port);
  let bots: BotThreads | undefined;
  process.once('exit', () => server.kill('SIGTERM'));
  try {
    const sends = new SharedArrayBuffer(n * RING * 3 * 8);
    const cursors = new SharedArrayBuffer(n * 4);
    const observers = Array.from({ length: Math.min(OBSERVERS, n) }, (_, k) => Math.floor((k * n) / Math.min(OBSERVERS, n)));
    bots = await startBotThreads('./roomBots.ts', n, WORKERS, (from, to): BotsJob => ({
      endpoint: `ws://127.0.0.1:${port}`,
      space: SPACE,
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
    bots.start();
    // The first second settles (everyone's opening teleport); measure the rest.
    await new Promise((r) => setTimeout(r, 1000));
    const before = procStat(serverPid(server));
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const after = procStat(serverPid(server));
    const wall = (performance.now() - t0) / 1000;
    const reports = await bots.stop();
    const obs = reports.flatMap((r) => r.observers);
    const latAll = obs.flatMap((o) => o.latAll);
    const latNear = obs.flatMap((o) => o.latNear);
    const updates = [0, 1, 2].map((k) => obs.reduce((s, o) => s + o.updates[k]!, 0));
    const exposure = [0, 1, 2].map((k) => obs.reduce((s, o) => s + o.exposure[k]!, 0));
    const refusals: Record<string, number> = {};
    for (const r of reports) for (const [code, c] of Object.entries(r.refusals)) refusals[code] = (refusals[code] ?? 0) + c;
    return {
      n,
      cpu: ((after.cpu - before.cpu) / wall) * 100,
      rssMB: after.rssMB,
      downKBs: obs.reduce((s, o) => s + o.bytesDown, 0) / obs.length / wall / 1024,
      upKBs: obs.reduce((s, o) => s + o.bytesUp, 0) / obs.length / wall / 1024,
      p50: percentile(latAll, 50),
      p99: percentile(latAll, 99),
      nearP50: percentile(latNear, 50),
      nearP99: percentile(latNear, 99),
      perTier: [0, 1, 2].map((k) => (exposure[k]! > 0 ? updates[k]! / exposure[k]! : NaN)) as [number, number, number],
      sentPerSecond: reports.reduce((s, r) => s + r.sent, 0) / (wall + 1) / n,
      refusals,
      unmatched: obs.reduce((s, o) => s + o.unmatched, 0),
      bytesPerUpdate:
        obs.reduce((s, o) => s + o.bytesDown, 0) /
        Math.max(
          1,
          updates.reduce((a, b) => a + b, 0),
        ),
    };
  } finally {
    await bots?.terminate();
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
  }
}

if (PIN) {
  // The bots run in this process's worker threads: keep them off the server's core.
  spawn('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
}
const load = os.loadavg().map((l) => l.toFixed(2));
console.log(
  `room: bots at ${HZ} Hz, ${SECONDS} s measured, ${WORKERS} bot threads, ${OBSERVERS} observers, space "${SPACE}" ${HALL.width}×${HALL.depth} m, ` +
    `${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, ${new Date().toISOString()}, load ${load.join(' ')}${PIN ? ', pinned' : ''}`,
);
console.log(
  '| avatars | server CPU | RSS | down / client | up / client | latency p50 / p99 | ≤ 10 m p50 / p99 | updates/s per avatar ≤10 m / ≤20 m / far | B down per update | sent/s per bot | refusals |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
let port = PORT;
for (const n of SIZES) {
  const r = await run(n, port++);
  const refused =
    Object.entries(r.refusals)
      .map(([c, k]) => `${c} ${k}`)
      .join(', ') || 'none';
  console.log(
    `| ${r.n} | ${r.cpu.toFixed(0)} % | ${r.rssMB.toFixed(0)} MB | ${r.downKBs.toFixed(1)} KB/s | ${r.upKBs.toFixed(2)} KB/s | ` +
      `${r.p50.toFixed(0)} / ${r.p99.toFixed(0)} ms | ${r.nearP50.toFixed(0)} / ${r.nearP99.toFixed(0)} ms | ` +
      `${r.perTier.map((x) => (Number.isNaN(x) ? '–' : x.toFixed(1))).join(' / ')} | ${r.bytesPerUpdate.toFixed(0)} | ${r.sentPerSecond.toFixed(1)} | ${refused}${r.unmatched ? ` (${r.unmatched} unmatched)` : ''} |`,
  );
}
console.log(
  `load at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
