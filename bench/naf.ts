/**
 * Room capacity side by side with Networked-Aframe (issue 13): the bots of bench/room.ts (same
 * walkers, seed, 15 Hz, head and both hands) first against Twinverse (bench/room.ts itself, run as a
 * child, its table read back) and then, in the same run, against NAF 0.14.3's stock socket.io relay
 * (`server/socketio-server.js`, its 50-per-room cap raised in a copy so one room holds everyone).
 * Prints both tables and the ratios NAF / Twinverse.
 *
 *   npx tsx bench/naf.ts [--n 50,100,200] [--hz 15] [--seconds 10] [--workers 2] [--pin] [--port 42600]
 *
 * NAF comes from the npm registry into a scratch folder under os.tmpdir() (`npm pack` for its server
 * file — its own install pulls a dependency from GitHub, which this machine cannot reach — and
 * `npm install --prefix` for the socket.io, express and socket.io-client its server and adapter use),
 * never into this project's dependencies.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { NafBotsJob } from './nafBots.js';
import { RING } from './roomJob.js';
import { startBotThreads, type BotThreads } from './botWorker.js';
import { percentile } from './stats.js';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}
const SIZES = flag('n', '50,100,200').split(',').map(Number);
const HZ = Number(flag('hz', '15'));
const SECONDS = Number(flag('seconds', '10'));
const WORKERS = Number(flag('workers', '2'));
const OBSERVERS = Number(flag('observers', '6'));
const PORT = Number(flag('port', '42600'));
const PIN = process.argv.includes('--pin');
const HALL = { width: 32, depth: 24 };
const NAF_VERSION = '0.14.3';
const SCRATCH = path.join(os.tmpdir(), `twinverse-bench-naf-${NAF_VERSION}`);

/** NAF's server file and the packages it and its socket.io adapter load, once per machine. */
function installNaf(): string {
  const server = path.join(SCRATCH, 'naf-server.cjs');
  if (fs.existsSync(server) && fs.existsSync(path.join(SCRATCH, 'node_modules', 'socket.io-client'))) return server;
  fs.mkdirSync(SCRATCH, { recursive: true });
  const npm = (args: string[]) =>
    execFileSync('npm', [...args, '--loglevel', 'error'], { cwd: SCRATCH, stdio: ['ignore', 'ignore', 'inherit'], timeout: 300_000 });
  npm(['pack', `networked-aframe@${NAF_VERSION}`, '--pack-destination', SCRATCH]);
  execFileSync('tar', ['xzf', `networked-aframe-${NAF_VERSION}.tgz`], { cwd: SCRATCH });
  const meta = JSON.parse(fs.readFileSync(path.join(SCRATCH, 'package', 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const io = meta.dependencies['socket.io']!;
  npm([
    'install',
    '--prefix',
    SCRATCH,
    '--no-audit',
    '--no-fund',
    '--ignore-scripts',
    `socket.io@${io}`,
    `socket.io-client@${io}`,
    `express@${meta.dependencies['express']!}`,
  ]);
  const stock = fs.readFileSync(path.join(SCRATCH, 'package', 'server', 'socketio-server.js'), 'utf8');
  const cap = 'const maxOccupantsInRoom = 50;';
  if (!stock.includes(cap)) throw new Error(`naf.server-changed: ${cap} not found in socketio-server.js`);
  // Raise the room cap so one room holds every bot; the per-connection console.log lines stay (stdout is dropped).
  fs.writeFileSync(server, stock.replace(cap, 'const maxOccupantsInRoom = 100000;'));
  return server;
}

function procStat(pid: number): { cpu: number; rssMB: number } {
  const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const rss = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { cpu: (Number(f[11]) + Number(f[12])) / 100, rssMB: rss / 1024 };
}

async function startNaf(file: string, port: number): Promise<ChildProcess> {
  const env = { ...process.env, PORT: String(port), NODE_ENV: 'production' };
  const opts = { env, cwd: SCRATCH, stdio: ['ignore', 'ignore', 'inherit'] as ['ignore', 'ignore', 'inherit'] };
  const server = PIN ? spawn('taskset', ['-c', '0', process.execPath, file], opts) : spawn(process.execPath, [file], opts);
  for (let i = 0; ; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`);
      return server;
    } catch {
      if (i > 300 || server.exitCode !== null) throw new Error('naf.start: the NAF server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

interface Row {
  n: number;
  cpu: number;
  rssMB: number;
  downKBs: number;
  upKBs: number;
  p50: number;
  p99: number;
  sentPerSecond: number;
  /** Head updates one observer received per second per other avatar (NAF only): what got through. */
  delivered: number;
  /** This process's CPU (the bot threads), % of a core (NAF only). */
  botCpu: number;
  unmatched: number;
  refusals: string;
}

async function runNaf(file: string, n: number, port: number): Promise<Row> {
  const server = await startNaf(file, port);
  let bots: BotThreads | undefined;
  try {
    const sends = new SharedArrayBuffer(n * RING * 3 * 8);
    const cursors = new SharedArrayBuffer(n * 4);
    const count = Math.min(OBSERVERS, n);
    const observers = Array.from({ length: count }, (_, k) => Math.floor((k * n) / count));
    bots = await startBotThreads('./nafBots.ts', n, WORKERS, (from, to): NafBotsJob => ({
      endpoint: `http://127.0.0.1:${port}`,
      space: 'bench',
      from,
      to,
      n,
      hz: HZ,
      observers,
      hall: HALL,
      sends,
      cursors,
      seed: 1,
      scratch: SCRATCH,
    }));
    bots.start();
    await new Promise((r) => setTimeout(r, 1000));
    const before = procStat(server.pid!);
    const bots0 = procStat(process.pid);
    const t0 = performance.now();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    const after = procStat(server.pid!);
    const bots1 = procStat(process.pid);
    const wall = (performance.now() - t0) / 1000;
    const reports = await bots.stop();
    const obs = reports.flatMap((r) => r.observers);
    const lat = obs.flatMap((o) => o.latAll);
    const refusals: Record<string, number> = {};
    for (const r of reports) for (const [code, c] of Object.entries(r.refusals)) refusals[code] = (refusals[code] ?? 0) + c;
    return {
      n,
      cpu: ((after.cpu - before.cpu) / wall) * 100,
      rssMB: after.rssMB,
      downKBs: obs.reduce((s, o) => s + o.bytesDown, 0) / obs.length / wall / 1024,
      upKBs: obs.reduce((s, o) => s + o.bytesUp, 0) / obs.length / wall / 1024,
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      sentPerSecond: reports.reduce((s, r) => s + r.sent, 0) / (wall + 1) / n,
      delivered: obs.reduce((s, o) => s + o.updates[0] + o.updates[1] + o.updates[2], 0) / obs.length / wall / (n - 1),
      botCpu: ((bots1.cpu - bots0.cpu) / wall) * 100,
      unmatched: obs.reduce((s, o) => s + o.unmatched, 0),
      refusals:
        Object.entries(refusals)
          .map(([c, k]) => `${c} ${k}`)
          .join(', ') || 'none',
    };
  } finally {
    await bots?.terminate();
    server.kill('SIGTERM');
    if (server.exitCode === null) await new Promise((r) => server.once('exit', r));
  }
}

/** bench/room.ts for the same sizes, as a child; its markdown rows read back by column. */
function runTwinverse(): Promise<Map<number, Row>> {
  const args = ['--import', 'tsx', 'bench/room.ts', '--n', SIZES.join(','), '--hz', String(HZ), '--seconds', String(SECONDS)];
  args.push('--workers', String(WORKERS), '--observers', String(OBSERVERS), '--port', String(PORT + 100));
  if (PIN) args.push('--pin');
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    process.stdout.write(d);
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`naf.twinverse: bench/room.ts exited ${code}`));
      const rows = new Map<number, Row>();
      for (const line of out.split('\n')) {
        const cells = line.split('|').map((c) => c.trim());
        const n = Number(cells[1]);
        if (!line.startsWith('| ') || !Number.isInteger(n)) continue;
        const num = (s: string) => parseFloat(s);
        const [p50, p99] = cells[6]!.split('/').map(num);
        rows.set(n, {
          n,
          cpu: num(cells[2]!),
          rssMB: num(cells[3]!),
          downKBs: num(cells[4]!),
          upKBs: num(cells[5]!),
          p50: p50!,
          p99: p99!,
          sentPerSecond: num(cells[10]!),
          delivered: NaN,
          botCpu: NaN,
          unmatched: 0,
          refusals: cells[11]!,
        });
      }
      resolve(rows);
    });
  });
}

if (PIN) spawn('taskset', ['-pc', '1', String(process.pid)], { stdio: 'ignore' });
const loadStart = os.loadavg().map((l) => l.toFixed(2));
const file = installNaf();
console.log(
  `naf: bots at ${HZ} Hz, ${SECONDS} s measured, ${WORKERS} bot threads, ${OBSERVERS} observers, ${os.cpus().length}× ` +
    `${os.cpus()[0]?.model.trim()}, ${new Date().toISOString()}, load ${loadStart.join(' ')}${PIN ? ', pinned' : ''}`,
);
console.log('Twinverse (bench/room.ts):');
const twin = await runTwinverse();
const naf: Row[] = [];
let port = PORT;
for (const n of SIZES) naf.push(await runNaf(file, n, port++));
const cell = (r: Row) =>
  `${r.cpu.toFixed(0)} % | ${r.rssMB.toFixed(0)} MB | ${r.downKBs.toFixed(1)} KB/s | ${r.upKBs.toFixed(2)} KB/s | ` +
  `${r.p50.toFixed(0)} / ${r.p99.toFixed(0)} ms | ${r.sentPerSecond.toFixed(1)}`;
console.log(`\nNetworked-Aframe ${NAF_VERSION} socketio-server.js, one room (cap raised):`);
console.log(
  '| avatars | server CPU | RSS | down / client | up / client | latency p50 / p99 | sent/s per bot | updates/s received per avatar | bot threads CPU | refusals |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const r of naf)
  console.log(
    `| ${r.n} | ${cell(r)} | ${r.delivered.toFixed(1)} | ${r.botCpu.toFixed(0)} % | ${r.refusals}${r.unmatched ? ` (${r.unmatched} unmatched)` : ''} |`,
  );
console.log('\nRatios NAF / Twinverse (same run):');
console.log('| avatars | server CPU | down / client | up / client | latency p50 | latency p99 |');
console.log('|---|---|---|---|---|---|');
const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(a / b < 1 ? 2 : 1)}×` : '–');
for (const r of naf) {
  const t = twin.get(r.n);
  if (!t) continue;
  console.log(
    `| ${r.n} | ${ratio(r.cpu, t.cpu)} | ${ratio(r.downKBs, t.downKBs)} | ${ratio(r.upKBs, t.upKBs)} | ${ratio(r.p50, t.p50)} | ${ratio(r.p99, t.p99)} |`,
  );
}
console.log(
  `load at the end: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
