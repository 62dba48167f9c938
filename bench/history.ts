/**
 * History benchmark (not a test; SPEC HS1–HS4, issue 11): S series × R Hz recorded in real time
 * through the recorder and the store, as the server does it, against PGlite (worker thread, temporary
 * data folder) and PostgreSQL (DATABASE_URL, a schema of this run). Prints, per back end: this
 * process's CPU per second of data (the PGlite worker included; PostgreSQL's own backend not),
 * event-loop delay p99 while recording and while the queries run, bytes on disk per value — of the
 * whole table (open minutes' part rows and the free space they leave included) and of closed whole
 * minutes only (the steady state, copied into a fresh table with the same indexes) — and the time of
 * a 24 h query at 1-minute steps and a 1 h query at 1-second steps (decoded in slices as the API does,
 * SPEC HS8) over one series holding a full day at R Hz. Loopback only; bounded in time.
 *
 *   npx tsx bench/history.ts [--series 1000] [--hz 20] [--seconds 30] [--backend both|pglite|postgres]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { pino } from 'pino';
import { HistoryRecorder, MINUTE_MS } from '../server/history/recorder.js';
import { LoopSlicer, sampleBuckets } from '../server/history/sampleBuckets.js';
import { Store } from '../server/store/store.js';
import type { StoreConfig } from '../server/store/open.js';

const { values: args } = parseArgs({
  options: {
    series: { type: 'string', default: '1000' },
    hz: { type: 'string', default: '20' },
    seconds: { type: 'string', default: '30' },
    backend: { type: 'string', default: 'both' },
    database: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
  },
});
const SERIES = Number(args.series);
const HZ = Number(args.hz);
const SECONDS = Math.min(Number(args.seconds), 300);
const log = pino({ level: 'warn' });
const DAY_MS = 86_400_000;

const p99 = (h: ReturnType<typeof monitorEventLoopDelay>) => (h.percentile(99) / 1e6).toFixed(1);

async function run(name: string, config: StoreConfig): Promise<void> {
  const store = Store.start(config, log);
  await store.opened();
  const rec = new HistoryRecorder(store, { flushMs: 5000, retentionDays: 30 }, log);

  // A full day of one series at HZ, written as the recorder writes it (minute rows), before now.
  const dayEnd = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - 10 * MINUTE_MS;
  const dayStart = dayEnd - DAY_MS;
  const step = 1000 / HZ;
  let backfilled = 0;
  for (let m = dayStart; m < dayEnd; m += MINUTE_MS) {
    for (let t = m; t < m + MINUTE_MS; t += step) rec.value('day', 'p', t, 50 + 10 * Math.sin(t / 600_000), false);
    backfilled += MINUTE_MS / step;
    if ((m - dayStart) % (60 * MINUTE_MS) === 0) {
      rec.flush();
      await store.drained();
    }
  }
  rec.stop();
  await store.drained();

  // Real-time recording: SERIES values every tick.
  const live = new HistoryRecorder(store, { flushMs: 5000, retentionDays: 30 }, log);
  live.start();
  const lag = monitorEventLoopDelay({ resolution: 1 });
  const ticks = SECONDS * HZ;
  let tick = 0;
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  lag.enable();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const t = Date.now();
      for (let s = 0; s < SERIES; s++) live.value(`tw${s % 50}`, `p${s}`, t, (s + tick) % 100, false);
      if (++tick >= ticks) {
        clearInterval(timer);
        resolve();
      }
    }, step);
  });
  live.stop();
  await store.drained();
  lag.disable();
  const cpu = process.cpuUsage(cpu0);
  const wall = (performance.now() - wall0) / 1000;
  const recorded = SERIES * ticks;

  // Queries while the loop is watched.
  const qlag = monitorEventLoopDelay({ resolution: 1 });
  qlag.enable();
  const times24: number[] = [];
  const times1h: number[] = [];
  let turns = 0;
  for (let i = 0; i < 5; i++) {
    let t0 = performance.now();
    const day = await store.historyBuckets('day', 'p', dayStart, dayEnd, MINUTE_MS);
    times24.push(performance.now() - t0);
    if (day.length !== 1440) throw new Error(`24 h query gave ${day.length} buckets`);
    t0 = performance.now();
    const from = dayEnd - 3_600_000;
    const slicer = new LoopSlicer();
    const hour = await sampleBuckets(store, 'day', 'p', from, dayEnd - 1, 1000, false, slicer);
    times1h.push(performance.now() - t0);
    turns += slicer.turns;
    if (hour.length !== 3600) throw new Error(`1 h query gave ${hour.length} buckets`);
  }
  qlag.disable();

  const size = await store.read(async (db) => {
    await db.client.exec(`VACUUM ${db.schema}.twin_history`);
    const { rows } = await db.client.query<{ b: number | string }>(`SELECT pg_total_relation_size('${db.schema}.twin_history') AS b`);
    return Number(rows[0]!.b);
  });
  // The steady state: rows of closed whole minutes only (no open minute's parts, no free space they
  // left), copied into a fresh table with the same indexes and measured the same way.
  const whole = await store.read(async (db) => {
    const t = `${db.schema}.bench_whole_minutes`;
    await db.client.exec(`CREATE TABLE ${t} (LIKE ${db.schema}.twin_history INCLUDING ALL)`);
    await db.client.query(`INSERT INTO ${t} SELECT * FROM ${db.schema}.twin_history WHERE part = 0 AND n = $1`, [60 * HZ]);
    await db.client.exec(`VACUUM ${t}`);
    const { rows } = await db.client.query<{ b: number | string; n: number | string; r: number | string }>(
      `SELECT pg_total_relation_size('${t}') AS b, coalesce(sum(n), 0) AS n, count(*) AS r FROM ${t}`,
    );
    await db.client.exec(`DROP TABLE ${t}`);
    return { bytes: Number(rows[0]!.b), values: Number(rows[0]!.n), rows: Number(rows[0]!.r) };
  });
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  console.log(`\n${name}`);
  console.log(`  recorded ${recorded.toLocaleString()} values in ${wall.toFixed(1)} s (${SERIES} series × ${HZ} Hz)`);
  console.log(`  CPU per second of data: ${(((cpu.user + cpu.system) / 1e6 / wall) * 100).toFixed(1)} % of a core`);
  console.log(`  event-loop delay p99 while recording: ${p99(lag)} ms; during the queries: ${p99(qlag)} ms`);
  console.log(
    `  bytes on disk per value: ${(size / (recorded + backfilled)).toFixed(2)} (${(size / 1e6).toFixed(1)} MB for ${(recorded + backfilled).toLocaleString()} values)`,
  );
  console.log(
    `  bytes on disk per value, closed whole minutes only: ${(whole.bytes / whole.values).toFixed(2)} (${whole.rows.toLocaleString()} rows, ${whole.values.toLocaleString()} values)`,
  );
  console.log(`  query 24 h @1m: median ${median(times24).toFixed(1)} ms (${times24.map((t) => t.toFixed(0)).join(', ')})`);
  console.log(
    `  query 1 h @1s: median ${median(times1h).toFixed(1)} ms (${times1h.map((t) => t.toFixed(0)).join(', ')}), the loop given ${turns} turns while decoding`,
  );
  await store.close();
}

const backend = args.backend!;
if (backend === 'both' || backend === 'pglite') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-bench-pglite-'));
  try {
    await run('PGlite (worker thread, data folder)', { databaseUrl: undefined, dataDir: dir, schema: 'twinverse' });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
if (backend === 'both' || backend === 'postgres') {
  const schema = `bench_history_${process.pid}`;
  try {
    await run('PostgreSQL', { databaseUrl: args.database, dataDir: undefined, schema });
  } finally {
    const db = new pg.Client({ connectionString: args.database });
    await db.connect();
    await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await db.end();
  }
}
