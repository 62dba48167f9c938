/**
 * Anomaly and forecast benchmark (not a test; SPEC AN5–AN7): the factory simulated on an injected
 * clock, faster than real time, through the real ingest path (server/twins/simulator/offline.ts).
 *
 * - No fault: each seed runs 30 simulated minutes of random starts, stops and set-points within each
 *   machine's normal range; every forecast, anomaly or alarm raised is a false alarm (per hour).
 * - Faults: for each machine and each fault it can suffer, 10 minutes of normal operation (5 with
 *   operations, then started and 5 steady), then the fault, then 20 minutes untouched: detection time after onset by
 *   the first anomaly, forecast or alarm on that machine, and by which.
 * - Forecast error: every 10 s, each numeric property's trend (shared/twin/trend.ts `valueAt`; level
 *   when there is no trend) predicts its value 1, 5 and 10 minutes ahead; mean absolute error against
 *   what it then was, beside "it stays as it is now" (persistence) for comparison.
 *
 *   npx tsx bench/anomaly.ts [--seeds 2]
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { valueAt } from '../shared/twin/trend.js';
import { loadTwinDefinitions } from '../server/twins/loader.js';
import type { TwinRuntime } from '../server/twins/runtime.js';
import type { FaultName } from '../server/twins/simulator/faults.js';
import { MODELS } from '../server/twins/simulator/models.js';
import { OfflineFactory, operateNormally } from '../server/twins/simulator/offline.js';
import { mulberry32 } from '../server/twins/simulator/rng.js';
import { sourcelessRuntime } from '../tests/support/runtime.js';

const { values: args } = parseArgs({ options: { seeds: { type: 'string', default: '2' } } });
const SEEDS = Number(args.seeds);
const HORIZONS_S = [60, 300, 600];
const { twins } = await loadTwinDefinitions(path.resolve('assets/twins'));

function runtime(): TwinRuntime {
  return sourcelessRuntime(twins);
}

/** Counts raisings (absent → present) of forecasts, anomalies and alarms, per twin. */
class Raised {
  private readonly on = new Set<string>();
  readonly events: { at: number; twin: string; kind: 'forecast' | 'anomaly' | 'alarm'; what: string }[] = [];
  constructor(private readonly rt: TwinRuntime) {}
  look(now: number): void {
    const seen = new Set<string>();
    for (const t of this.rt.all()) {
      const mark = (kind: 'forecast' | 'anomaly' | 'alarm', what: string) => {
        const key = `${t.id}|${kind}|${what}`;
        seen.add(key);
        if (!this.on.has(key)) this.events.push({ at: now, twin: t.id, kind, what });
      };
      for (const f of t.forecasts.keys()) mark('forecast', f);
      for (const a of t.anomalies.keys()) mark('anomaly', a);
      for (const a of t.alarms.keys()) mark('alarm', a);
    }
    this.on.clear();
    for (const k of seen) this.on.add(k);
  }
}

/** Forecast error bookkeeping: predictions waiting for their time, and the sums. */
class ForecastError {
  private readonly due: { at: number; twin: string; prop: string; h: number; trend: number; persist: number }[] = [];
  readonly sums = new Map<string, { n: number; trend: number; persist: number }>();
  private last = 0;
  constructor(private readonly rt: TwinRuntime) {}
  look(now: number): void {
    while (this.due.length > 0 && this.due[0]!.at <= now) {
      const d = this.due.shift()!;
      const actual = this.rt.get(d.twin)!.properties.get(d.prop)!.num;
      const key = `${d.twin} ${d.prop} ${d.h / 60} min`;
      const s = this.sums.get(key) ?? { n: 0, trend: 0, persist: 0 };
      s.n++;
      s.trend += Math.abs(d.trend - actual);
      s.persist += Math.abs(d.persist - actual);
      this.sums.set(key, s);
    }
    if (now - this.last < 10_000) return;
    this.last = now;
    for (const t of this.rt.all())
      for (const p of t.properties.values()) {
        if (!p.history || (p.def.type !== 'number' && p.def.type !== 'integer')) continue;
        const trend = p.history.trend();
        for (const h of HORIZONS_S)
          this.due.push({ at: now + h * 1000, twin: t.id, prop: p.def.name, h, trend: trend ? valueAt(trend, h) : p.num, persist: p.num });
      }
    this.due.sort((a, b) => a.at - b.at);
  }
}

const errors: ForecastError[] = [];
const started = performance.now();

// No fault.
let falseAlarms = 0;
const falseKinds = new Map<string, number>();
for (let seed = 1; seed <= SEEDS * 2; seed++) {
  const rt = runtime();
  const f = new OfflineFactory(rt, seed, Date.now() - 48 * 3600_000, { 'conveyor-1': { jamsPerHour: 0 } });
  const raised = new Raised(rt);
  const fe = new ForecastError(rt);
  errors.push(fe);
  operateNormally(f, mulberry32(1000 + seed), 30, 0.5, (now) => {
    raised.look(now);
    fe.look(now);
  });
  falseAlarms += raised.events.length;
  for (const e of raised.events)
    falseKinds.set(`${e.kind} ${e.twin} ${e.what}`, (falseKinds.get(`${e.kind} ${e.twin} ${e.what}`) ?? 0) + 1);
}
const noFaultHours = (SEEDS * 2 * 30) / 60;
console.log(`No fault: ${SEEDS * 2} runs × 30 simulated min of start/stop/set-point cycling (3 machines)`);
console.log(`  false alarms: ${falseAlarms} in ${noFaultHours} h = ${(falseAlarms / noFaultHours).toFixed(2)} per hour`);
for (const [k, n] of falseKinds) console.log(`    ${k}: ${n}`);

// Faults.
console.log(`\nFaults (onset after 10 min, 20 min untouched after), ${SEEDS} seed(s) each: detection time after onset`);
console.log('  machine      fault          first signal (s)   by                          false before onset');
for (const twin of twins) {
  const sim = twin.ext.simulator;
  if (!sim) continue;
  for (const fault of MODELS[sim.model].faults as readonly FaultName[]) {
    const times: number[] = [];
    const by: string[] = [];
    let before = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const rt = runtime();
      const f = new OfflineFactory(rt, 100 + seed, Date.now() - 48 * 3600_000, { 'conveyor-1': { jamsPerHour: 0 } });
      const raised = new Raised(rt);
      const fe = new ForecastError(rt);
      errors.push(fe);
      const look = (now: number) => {
        raised.look(now);
        fe.look(now);
      };
      operateNormally(f, mulberry32(2000 + seed), 5, 0.5, look);
      // Every machine running when the fault comes (a stopped bearing does not vibrate).
      for (const id of f.machines.keys()) f.act(id, 'start');
      f.run(5 * 60, look);
      before += raised.events.length;
      const onset = f.now;
      const mark = raised.events.length;
      f.act(twin.id, 'injectFault', { fault });
      f.run(20 * 60, look);
      const first = raised.events.slice(mark).find((e) => e.twin === twin.id);
      if (first) {
        times.push((first.at - onset) / 1000);
        by.push(`${first.kind} ${first.what}`);
      } else by.push('missed');
    }
    const med = times.length ? times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!.toFixed(0) : '—';
    console.log(
      `  ${twin.id.padEnd(12)} ${fault.padEnd(14)} ${`${med} (${times.map((t) => t.toFixed(0)).join(', ')})`.padEnd(18)} ${[...new Set(by)].join('; ').padEnd(27)} ${before}`,
    );
  }
}

// Forecast error.
const total = new Map<string, { n: number; trend: number; persist: number }>();
for (const fe of errors)
  for (const [k, s] of fe.sums) {
    const t = total.get(k) ?? { n: 0, trend: 0, persist: 0 };
    t.n += s.n;
    t.trend += s.trend;
    t.persist += s.persist;
    total.set(k, t);
  }
console.log('\nForecast MAE over all runs (trend forecast | persistence), property unit:');
const props = [...new Set([...total.keys()].map((k) => k.replace(/ \d+ min$/, '')))];
console.log(`  ${'property'.padEnd(32)} ${HORIZONS_S.map((h) => `${h / 60} min`.padEnd(20)).join('')}`);
for (const p of props) {
  const cells = HORIZONS_S.map((h) => {
    const s = total.get(`${p} ${h / 60} min`);
    return s ? `${(s.trend / s.n).toPrecision(3)} | ${(s.persist / s.n).toPrecision(3)}`.padEnd(20) : '—'.padEnd(20);
  });
  console.log(`  ${p.padEnd(32)} ${cells.join('')}`);
}
console.log(`\n(${((performance.now() - started) / 1000).toFixed(0)} s wall time)`);
