/**
 * Telemetry benchmark (not a test): N twins × M properties at R Hz published through the real
 * Mosquitto (by bench/telemetryPublisher.ts, its own process) into one server process (a child
 * process, so its CPU is its own), with one colyseus.js client joined in this process. Prints values/s ingested and the p50/p99 latency from publish to the client seeing
 * the value in its state. Loopback only; bounded in time.
 *
 *   npx tsx bench/telemetry.ts [--twins 50] [--props 20] [--hz 20] [--seconds 10] [--mode all|property]
 *
 * Modes: `all` publishes one message per twin per tick carrying its M values (Thing-level
 * `observeallproperties` topic); `property` publishes one message per value (M topics per twin).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'colyseus.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { ROOM_NAME } from '../shared/protocol/version.js';
import type { SpaceState } from '../shared/state/space.js';

const { values: args } = parseArgs({
  options: {
    twins: { type: 'string', default: '50' },
    props: { type: 'string', default: '20' },
    hz: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    mode: { type: 'string', default: 'all' },
    broker: { type: 'string', default: process.env.MQTT_URL ?? 'mqtt://127.0.0.1:1883' },
  },
});
const N = Number(args.twins);
const M = Number(args.props);
const HZ = Number(args.hz);
const SECONDS = Math.min(Number(args.seconds), 120);
const WARMUP = Math.min(Number(args.warmup), 30);
const MODE = args.mode === 'property' ? 'property' : 'all';
const BROKER = args.broker!;
const PREFIX = `bench_${process.pid}_${Date.now().toString(36)}`;
const now = () => performance.timeOrigin + performance.now();

function writeAssets(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-bench-'));
  fs.mkdirSync(path.join(dir, 'twins'));
  fs.mkdirSync(path.join(dir, 'spaces'));
  const twins = [];
  for (let i = 0; i < N; i++) {
    const id = `tw${i}`;
    const properties: Record<string, unknown> = {};
    for (let j = 0; j < M; j++)
      properties[`p${j}`] = {
        type: 'number',
        minimum: 0,
        maximum: 1000,
        unit: 'u',
        readOnly: true,
        forms: [{ href: `${id}/properties/p${j}`, op: ['observeproperty'] }],
      };
    const td = {
      '@context': 'https://www.w3.org/2022/wot/td/v1.1',
      title: `Bench twin ${i}`,
      base: `mqtt://127.0.0.1:1883/${PREFIX}/`,
      securityDefinitions: { nosec_sc: { scheme: 'nosec' } },
      security: 'nosec_sc',
      properties,
      forms: [{ href: `${id}/properties`, op: ['observeallproperties'] }],
    };
    fs.writeFileSync(path.join(dir, 'twins', `${id}.td.json`), JSON.stringify(td));
    twins.push({ twin: id, position: [(i % 10) * 3 - 14, 0, Math.floor(i / 10) * 3 - 10] });
  }
  const layout = { version: 1, title: 'Bench', hall: { width: 40, depth: 40, height: 6 }, spawn: { x: 0, z: 15, yaw: 0 }, twins };
  fs.writeFileSync(path.join(dir, 'spaces', 'bench.json'), JSON.stringify(layout));
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function cpuSeconds(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, clock ticks (100 Hz)
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted.length === 0 ? Number.NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const assets = writeAssets();
  const port = await freePort();
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      ASSETS_DIR: assets,
      MQTT_URL: BROKER,
      LOG_LEVEL: 'warn',
      DATA_DIR: 'memory',
      PATCH_RATE_MS: '50',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    server.kill('SIGTERM');
    fs.rmSync(assets, { recursive: true, force: true });
  };
  try {
    for (let i = 0; ; i++) {
      const ok = await fetch(`${base}/api/twins`)
        .then(async (r) => ((await r.json()) as { mqtt: { connected: boolean } | null }).mqtt?.connected === true)
        .catch(() => false);
      if (ok) break;
      if (i > 300) throw new Error('server did not start (or did not reach the broker) within 30 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const client = new Client(`ws://127.0.0.1:${port}`);
    const room = await client.joinOrCreate<SpaceState>(ROOM_NAME, joinOptions({ space: 'bench', name: 'Bench', color: '#888888' }));
    room.onMessage('*', () => undefined); // join notices and chat: not what this bench measures
    await new Promise<void>((r) => room.onStateChange.once(() => r()));
    if (room.state.twins.size !== N)
      throw new Error(`the bench space shows ${room.state.twins.size} twins, expected ${N} (see the server log)`);

    // Latency: for every property whose timestamp changed in a patch, now − its publish time.
    const lastTs = new Map<string, number>();
    let measuring = false;
    let samples = new Float64Array(1 << 20);
    let count = 0;
    let patches = 0;
    room.onStateChange((state) => {
      const t = now();
      if (measuring) patches++;
      state.twins.forEach((twin, id) => {
        twin.properties.forEach((p, name) => {
          const key = `${id}/${name}`;
          if (p.ts === 0 || lastTs.get(key) === p.ts) return;
          lastTs.set(key, p.ts);
          if (!measuring) return;
          if (count === samples.length) {
            const bigger = new Float64Array(samples.length * 2);
            bigger.set(samples);
            samples = bigger;
          }
          samples[count++] = t - p.ts;
        });
      });
    });

    const publisher = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bench/telemetryPublisher.ts',
        BROKER,
        PREFIX,
        String(N),
        String(M),
        String(HZ),
        String(WARMUP + SECONDS + 1),
        MODE,
      ],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let publisherOut = '';
    publisher.stdout!.on('data', (d: Buffer) => (publisherOut += d.toString()));
    const publisherDone = new Promise<{ published: number; seconds: number }>((resolve, reject) =>
      publisher.on('exit', (code) =>
        code === 0
          ? resolve(JSON.parse(publisherOut) as { published: number; seconds: number })
          : reject(new Error(`publisher exited ${code}`)),
      ),
    );
    await new Promise((r) => setTimeout(r, WARMUP * 1000));

    const stats = async () =>
      ((await (await fetch(`${base}/api/twins`)).json()) as { ingest: { accepted: number; refused: number } }).ingest;
    const s0 = await stats();
    const c0 = cpuSeconds(server.pid!);
    const t0 = performance.now();
    measuring = true;
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    measuring = false;
    const elapsed = (performance.now() - t0) / 1000;
    const s1 = await stats();
    const c1 = cpuSeconds(server.pid!);
    const pubs = await publisherDone;

    const lat = samples.slice(0, count).sort();
    const result = {
      mode: MODE,
      twins: N,
      properties: M,
      hz: HZ,
      offered: Math.round(pubs.published / pubs.seconds),
      ingested: Math.round((s1.accepted - s0.accepted) / elapsed),
      refused: s1.refused - s0.refused,
      p50: percentile(lat, 50),
      p99: percentile(lat, 99),
      max: lat.length ? lat[lat.length - 1]! : Number.NaN,
      seen: count,
      patchesPerSecond: patches / elapsed,
      serverCpu: (c1 - c0) / elapsed,
    };
    console.log(
      `mode=${result.mode} twins=${N} props=${M} hz=${HZ}: offered ${result.offered} values/s, ingested ${result.ingested} values/s ` +
        `(refused ${result.refused}), publish→client latency p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms, max ${result.max.toFixed(1)} ms ` +
        `(${result.seen} values seen, ${result.patchesPerSecond.toFixed(1)} patches/s), server CPU ${(result.serverCpu * 100).toFixed(0)} % of one core`,
    );
    console.log(JSON.stringify(result));
    await room.leave();
  } finally {
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
