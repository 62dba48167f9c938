/**
 * Restart loses nothing (SPEC HS2, HS6, ST4): the real server as a child process, stopped with
 * SIGTERM and started again on the same data folder / database — the history and alarm events are
 * there, up to the moment it stopped; killed with SIGKILL — at most the last flush interval (5 s) of
 * samples is missing. Against PGlite and the real PostgreSQL.
 */
import { afterAll, describe, expect } from 'vitest';
import { killAll, startChild, type ChildServer } from '../support/childServer.js';
import { forEachStore } from '../support/stores.js';
import { waitForAsync } from '../support/wait.js';

const TOKEN = 'restart-test-token-0123456789';
const FLUSH_MS = 5000;

afterAll(killAll);

const start = (env: Record<string, string>): Promise<ChildServer> => startChild({ INGEST_TOKEN: TOKEN, ...env });

async function samples(base: string, from: number, to: number): Promise<number[]> {
  const res = await fetch(`${base}/api/twins/pump-1/history?property=speed&from=${from}&to=${to}&step=raw`);
  const body = (await res.json()) as { samples: { t: number }[] };
  return body.samples.map((s) => s.t);
}

const maxGap = (t: number[]) => Math.max(0, ...t.slice(1).map((x, i) => x - t[i]!));

async function exercise(env: Record<string, string>): Promise<void> {
  const a = await start(env);
  const startedA = Date.now();
  // An alarm raised by an HTTP push (the simulator clears it with its next reading).
  const alarmAt = Date.now();
  const push = await fetch(`${a.base}/api/twins/pump-1/properties`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ ts: alarmAt, values: { outletPressure: 9.5 } }),
  });
  expect(push.status).toBe(200);
  await waitForAsync('a flush of A', async () => (await samples(a.base, startedA, Date.now())).length > 0, 15_000, 200);
  const termAt = Date.now();
  a.child.kill('SIGTERM');
  expect(await a.exited).toBe(0);

  const b = await start(env);
  const beforeTerm = await samples(b.base, termAt - 4000, termAt);
  // SIGTERM wrote everything: samples right up to the stop, none missing before it (10 Hz).
  expect(beforeTerm.length).toBeGreaterThan(20);
  expect(termAt - beforeTerm[beforeTerm.length - 1]!).toBeLessThan(1000);
  expect(maxGap(beforeTerm)).toBeLessThan(1000);
  const alarms = (await (await fetch(`${b.base}/api/twins/pump-1/alarms?from=${alarmAt - 1}`)).json()) as {
    events: { kind: string; at: number; alarm: string }[];
  };
  expect(alarms.events[0]).toMatchObject({ kind: 'raised', at: alarmAt, alarm: 'pressureHigh' });

  const startedB = Date.now();
  await waitForAsync('a flush of B', async () => (await samples(b.base, startedB, Date.now())).length > 0, 15_000, 200);
  const killAt = Date.now();
  b.child.kill('SIGKILL');
  await b.exited;

  const c = await start(env);
  const beforeKill = await samples(c.base, startedB, killAt);
  // SIGKILL loses at most the last flush interval.
  expect(beforeKill.length).toBeGreaterThan(0);
  expect(killAt - beforeKill[beforeKill.length - 1]!).toBeLessThan(FLUSH_MS + 1000);
  expect(maxGap(beforeKill)).toBeLessThan(1000);
  c.child.kill('SIGTERM');
  expect(await c.exited).toBe(0);
}

describe('HS2 HS6: SIGTERM keeps everything, SIGKILL at most the last flush', () => {
  forEachStore('tvrestart', exercise, { postgres: 240_000, pglite: 900_000 });
});
