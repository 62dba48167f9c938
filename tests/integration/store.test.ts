/**
 * The store's contract, run against both back ends for real (SPEC ST1–ST4, HS1–HS3, HS6): PostgreSQL
 * at 127.0.0.1:5432 in a schema of this run, and PGlite (in its worker thread) in a temporary data
 * folder. Same SQL, same answers.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type StoreConfig } from '../../server/store/open.js';
import { Store } from '../../server/store/store.js';
import type { StoredCommand } from '../../server/store/commandStore.js';
import { STORE_VERSION } from '../../server/store/migrations.js';
import { schemaVersion } from '../../server/store/migrate.js';
import { HistoryRecorder, MINUTE_MS } from '../../server/history/recorder.js';
import { bucketsFromSamples, samplesOf } from '../../server/history/buckets.js';
import { LoopSlicer, sampleBuckets, samplesSliced, WINDOW_MINUTES } from '../../server/history/sampleBuckets.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { waitFor } from '../support/wait.js';
import { dropSchema } from '../support/stores.js';

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });
const schema = uniqueName('tvstore').toLowerCase();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-pglite-'));

afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  await dropSchema(schema).catch(() => undefined);
});

function command(over: Partial<StoredCommand> = {}): StoredCommand {
  return {
    id: randomUUID(),
    twin: 'pump-1',
    action: 'setSpeed',
    input: { percent: 55 },
    bySession: 's1',
    byName: 'Ada',
    space: 'factory',
    status: 'pending',
    reason: '',
    at: Date.now(),
    doneAt: null,
    ...over,
  };
}

/** A fixed hour in the past, within the default retention. */
const T0 = Math.floor((Date.now() - 3_600_000) / 3_600_000) * 3_600_000;

const backends: [string, () => Promise<StoreConfig>, RegExp][] = [
  [
    'PostgreSQL',
    async () => {
      await requireService('postgres');
      return { databaseUrl: DATABASE_URL, dataDir: undefined, schema };
    },
    /postgres/,
  ],
  ['PGlite', () => Promise.resolve({ databaseUrl: undefined, dataDir, schema: 'twinverse' }), /pglite/],
];

describe.each(backends)('store contract on %s', (_name, configure, kind) => {
  let config: StoreConfig;
  let store: Store;

  // PGlite creating a fresh data folder runs initdb in WebAssembly (~7 s of one core; its wall time
  // grows with the machine's load): the limit only catches a hang.
  beforeAll(async () => {
    config = await configure();
    store = Store.start(config, log);
    await store.opened();
  }, 600_000);

  afterAll(async () => {
    await store?.close();
  });

  it('ST1 ST2 ST3: the same SQL opens either back end in its schema, applies the migrations once and records them', async () => {
    expect(store.kind).toMatch(kind);
    expect(store.health()).toMatchObject({ state: 'ready', queued: 0, dropped: 0 });
    expect(await store.read((db) => schemaVersion(db))).toBe(STORE_VERSION);
  });

  it('ST1 ST4: records commands and outcomes; an outcome never overwrites another; old pending ones become lost', async () => {
    const first = command({ at: Date.now() - 1000 });
    const second = command({ action: 'stop', input: undefined });
    const orphan = command({ twin: 'cnc-1', at: Date.now() - 60_000 });
    const young = command({ twin: 'cnc-1' });
    for (const c of [first, second, orphan, young]) store.commands.record(c);
    store.commands.complete(first.id, 'acknowledged', '', first.at + 120);
    store.commands.complete(second.id, 'aborted', 'the server stopped before the device answered', second.at + 80);
    store.commands.complete(second.id, 'acknowledged', '', second.at + 90);
    store.commands.reconcileLost(30_000);
    await store.drained();
    const recent = await store.commands.recent('pump-1', 10);
    expect(recent.map((c) => c.id)).toEqual([second.id, first.id]);
    expect(recent[1]).toMatchObject({
      status: 'acknowledged',
      input: { percent: 55 },
      byName: 'Ada',
      space: 'factory',
      doneAt: first.at + 120,
    });
    expect(recent[0]).toMatchObject({ status: 'aborted', reason: 'the server stopped before the device answered', input: null });
    expect(Math.abs(recent[1]!.at - first.at)).toBeLessThan(1);
    const cnc = await store.commands.recent('cnc-1', 10);
    expect(cnc.find((c) => c.id === orphan.id)).toMatchObject({
      status: 'lost',
      reason: expect.stringMatching(/stopped before the device answered/),
    });
    expect(cnc.find((c) => c.id === young.id)).toMatchObject({ status: 'pending' });
  });

  it('HS1 HS2: one row per series per minute once closed, parts while open, exact headers and samples', async () => {
    const rec = new HistoryRecorder(store, { flushMs: 5000, retentionDays: 30 }, log);
    // 20 Hz for 150 s, flushed every 5 s of data: minutes 0 and 1 close, minute 2 stays open.
    const values: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const t = T0 + i * 50;
      const v = 3.4 + Math.sin(i / 40);
      values.push(v);
      rec.value('pump-1', 'pressure', t, v, false);
      if (i % 100 === 99) rec.flush();
    }
    rec.flush();
    await store.drained();
    const rows = await store.historyRows('pump-1', 'pressure', T0, T0 + 2 * MINUTE_MS, true, 1000);
    expect(rows.filter((r) => r.minute === T0).map((r) => r.part)).toEqual([0]);
    expect(rows.filter((r) => r.minute === T0 + MINUTE_MS).map((r) => r.part)).toEqual([0]);
    expect(rows.filter((r) => r.minute === T0 + 2 * MINUTE_MS).length).toBe(6);
    const m0 = values.slice(0, 1200);
    expect(rows[0]).toMatchObject({ n: 1200, min: Math.min(...m0), max: Math.max(...m0), first: m0[0], last: m0[1199] });
    const s = samplesOf(rows, T0, T0 + 3 * MINUTE_MS);
    expect(s.t.length).toBe(3000);
    expect(s.t[2999]).toBe(T0 + 2999 * 50);
    expect(s.v[2999]).toBeCloseTo(values[2999]!, 5);
    // Shutdown writes the open minute whole: one row, its parts gone.
    rec.stop();
    await store.drained();
    const after = await store.historyRows('pump-1', 'pressure', T0 + 2 * MINUTE_MS, T0 + 2 * MINUTE_MS, false, 10);
    expect(after.map((r) => [r.part, r.n])).toEqual([[0, 600]]);
    const buckets = await store.historyBuckets('pump-1', 'pressure', T0, T0 + 2 * MINUTE_MS, 2 * MINUTE_MS);
    expect(buckets.map((b) => [b.t, b.n])).toEqual([
      [Math.floor(T0 / 120_000) * 120_000, T0 % 120_000 === 0 ? 2400 : 1200],
      ...(T0 % 120_000 === 0 ? [[T0 + 120_000, 600]] : [[T0 + 60_000, 1800]]),
    ]);
  });

  it('HS8: long reads are decoded in slices, the loop getting turns between minutes, with the same answer as all at once', async () => {
    const rec = new HistoryRecorder(store, { flushMs: 5000, retentionDays: 30 }, log);
    const start = T0 + 10 * MINUTE_MS;
    // 36 whole minutes at 2 Hz (more than one read window of WINDOW_MINUTES; the slicing is per
    // minute, so the rate only sets the test's cost), then an open minute written as parts, and a
    // late sample for a closed minute (its own part row, out of order within that minute).
    const stepMs = 500;
    const perMinute = MINUTE_MS / stepMs;
    for (let i = 0; i < 36 * perMinute + perMinute / 4; i++) {
      rec.value('press-1', 'force', start + i * stepMs, 100 + 10 * Math.sin(i / 30), false);
      if (i % 10 === 9) rec.flush();
    }
    rec.value('press-1', 'force', start + 5 * MINUTE_MS + 25, 7.5, false);
    rec.flush();
    await store.drained();
    const from = start + 30_000;
    const to = start + 36 * MINUTE_MS + 9_999;
    const all = samplesOf(await store.historyRows('press-1', 'force', start, to, true, 100_000), from, to);
    // Whole minutes, plus the open minute's first 10 s, less the first 30 s, plus the late sample.
    expect(all.t.length).toBe(36 * perMinute + 10_000 / stepMs - 30_000 / stepMs + 1);
    expect(WINDOW_MINUTES).toBeLessThan(36);
    // A clock that says every minute's decoding used up its slice: the loop gets a turn after each.
    let clock = 0;
    const slicer = new LoopSlicer(() => (clock += 10));
    let between = 0;
    const other = setInterval(() => between++, 0);
    try {
      expect(await sampleBuckets(store, 'press-1', 'force', from, to, 1000, false, slicer)).toEqual(bucketsFromSamples(all, 1000, false));
    } finally {
      clearInterval(other);
    }
    expect(slicer.turns).toBe(37);
    expect(between).toBeGreaterThan(0);
    expect(await samplesSliced(store, 'press-1', 'force', from, to)).toEqual(all);
    rec.stop();
    await store.drained();
  });

  it('HS1 HS5: booleans keep how long they were true', async () => {
    const rec = new HistoryRecorder(store, { flushMs: 5000, retentionDays: 30 }, log);
    // true 0–15 s, false 15–60 s (a sample each second).
    for (let s = 0; s <= 60; s++) rec.value('conveyor-1', 'jammed', T0 + s * 1000, s < 15 ? 1 : 0, true);
    rec.stop();
    await store.drained();
    const [b] = await store.historyBuckets('conveyor-1', 'jammed', T0, T0, MINUTE_MS);
    expect(b).toMatchObject({ n: 60, first: 1, last: 0, trueMs: 15_000, spanMs: 59_000 });
  });

  it('HS3: retention deletes rows older than the limit, in batches', async () => {
    const rec = new HistoryRecorder(store, { flushMs: 5000, retentionDays: 30 }, log);
    const old = T0 - 40 * 86_400_000;
    for (let m = 0; m < 5; m++) rec.value('spindle-1', 'temp', old + m * MINUTE_MS, 20 + m, false);
    rec.value('spindle-1', 'temp', T0, 30, false);
    rec.stop();
    await store.drained();
    expect(await store.historyRows('spindle-1', 'temp', old, T0, false, 100)).toHaveLength(6);
    store.pruneHistory(Math.floor((Date.now() - 30 * 86_400_000) / MINUTE_MS) * MINUTE_MS, 2);
    await store.drained();
    const left = await store.historyRows('spindle-1', 'temp', old, T0, false, 100);
    expect(left.map((r) => r.minute)).toEqual([T0]);
  });

  it('HS6: alarm events are kept, with who acknowledged', async () => {
    const e = { twin: 'pump-1', alarm: 'pressure-high', property: 'pressure', severity: 'warning', message: 'Outlet pressure high' };
    store.recordAlarm({ ...e, kind: 'raised', value: 6.2, bySession: '', byName: '', at: T0 + 1000 });
    store.recordAlarm({ ...e, kind: 'acknowledged', value: null, bySession: 's1', byName: 'Ada', at: T0 + 2000 });
    store.recordAlarm({ ...e, kind: 'cleared', value: 4.1, bySession: '', byName: '', at: T0 + 3000 });
    await store.drained();
    const events = await store.alarmEvents('pump-1', T0, T0 + 10_000, 10);
    expect(events.map((x) => [x.kind, x.at, x.byName, x.value])).toEqual([
      ['raised', T0 + 1000, '', 6.2],
      ['acknowledged', T0 + 2000, 'Ada', null],
      ['cleared', T0 + 3000, '', 4.1],
    ]);
  });
});

describe('store failures', () => {
  it('ST1: a PostgreSQL that cannot be reached fails to open with a message naming it', async () => {
    await expect(openDatabase({ databaseUrl: 'postgres://postgres@127.0.0.1:9/none', dataDir: undefined, schema }, log)).rejects.toThrow(
      /PostgreSQL store at DATABASE_URL failed to open/,
    );
  });

  it('ST5: an unreachable PostgreSQL leaves the store degraded, writes queued, reads unavailable', async () => {
    const store = Store.start({ databaseUrl: 'postgres://postgres@127.0.0.1:9/none', dataDir: undefined, schema }, log);
    store.commands.record(command());
    await waitFor('the store to give up opening', () => store.state === 'degraded', 10_000);
    await expect(store.commands.recent('pump-1', 1)).rejects.toThrow(/unreachable/);
    expect(store.health()).toMatchObject({ state: 'degraded', queued: 1, problem: expect.stringMatching(/failed to open/) });
    await store.close(100);
    expect(store.health()).toMatchObject({ state: 'closed', dropped: 1 });
  });
});
