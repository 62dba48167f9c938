/**
 * An acknowledged alarm that is still active when the server restarts is still acknowledged after
 * it — by whom and when — and is not raised a second time (SPEC AK5), on a PGlite folder and on
 * PostgreSQL. The machine reports over HTTP (no simulator), so the test decides what it reads.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { member } from '../support/inbox.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { INGEST_TOKEN } from '../support/twinServer.js';
import { waitFor } from '../support/wait.js';
import { dropSchema } from '../support/stores.js';

const base = (s: TestServer) => s.url.replace('localhost', '127.0.0.1');

async function push(s: TestServer, outletPressure: number): Promise<void> {
  const res = await fetch(`${base(s)}/api/twins/pump-1/properties`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ outletPressure }),
  });
  expect(res.status).toBe(200);
}

async function alarmEvents(s: TestServer, from: number): Promise<{ kind: string; alarm: string }[]> {
  const res = await fetch(`${base(s)}/api/twins/pump-1/alarms?from=${from}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { events: { kind: string; alarm: string }[] }).events;
}

async function exercise(env: Record<string, string>): Promise<void> {
  const settings = { ...env, INGEST_TOKEN, SIMULATOR: 'off', PATCH_RATE_MS: '50' };
  const from = Date.now() - 1;
  const a = await startTestServer({}, settings);
  let acked: { ackBy: string; ackByName: string; ackAt: number; since: number };
  try {
    await a.store.opened();
    const ada = await member(a.endpoint, { space: 'factory', name: 'Ada' });
    await push(a, 7.2);
    const alarm = () => ada.room.state.twins.get('pump-1')?.alarms.get('pressureHigh');
    await waitFor('the pressure alarm', () => alarm());
    ada.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    await waitFor('acknowledged', () => alarm()?.ackByName === 'Ada');
    const s = alarm()!;
    acked = { ackBy: s.ackBy, ackByName: s.ackByName, ackAt: s.ackAt, since: s.since };
    expect(ada.errors).toEqual([]);
    await ada.room.leave();
    await a.store.drained();
  } finally {
    await a.close();
  }

  const b = await startTestServer({}, settings);
  try {
    await b.store.opened();
    const bob = await member(b.endpoint, { space: 'factory', name: 'Bob' });
    const alarm = () => bob.room.state.twins.get('pump-1')?.alarms.get('pressureHigh');
    // Before any fresh value: the alarm as it stood, still acknowledged by Ada at the same time.
    await waitFor('the open alarm back', () => alarm());
    expect({ ackBy: alarm()!.ackBy, ackByName: alarm()!.ackByName, ackAt: alarm()!.ackAt, since: alarm()!.since }).toEqual(acked);
    // The machine still reads high: the same alarm, acknowledged, not raised again.
    await push(b, 7.0);
    await waitFor('the fresh value', () => bob.room.state.twins.get('pump-1')?.properties.get('outletPressure')?.num === 7);
    expect(alarm()).toMatchObject({ ackByName: 'Ada', ackAt: acked.ackAt });
    bob.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    expect((await bob.refused('twin.alarm_acknowledged')).message).toContain('Ada');
    // It clears, then a new raising is a new alarm that nobody has acknowledged (AK1).
    await push(b, 5.0);
    await waitFor('cleared', () => alarm() === undefined);
    await push(b, 7.1);
    await waitFor('raised anew', () => alarm());
    expect(alarm()!.ackAt).toBe(0);
    await b.store.drained();
    const kinds = (await alarmEvents(b, from)).filter((e) => e.alarm === 'pressureHigh').map((e) => e.kind);
    expect(kinds).toEqual(['raised', 'acknowledged', 'cleared', 'raised']);
    await bob.room.leave();
  } finally {
    await b.close();
  }
}

describe('an acknowledged alarm across a restart', () => {
  it('AK5: still active after a restart, it is still acknowledged (who, when) — PGlite folder', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-ack-'));
    try {
      await exercise({ DATA_DIR: dir });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('AK5: still active after a restart, it is still acknowledged (who, when) — PostgreSQL', async () => {
    await requireService('postgres');
    const schema = uniqueName('tvackrestart').toLowerCase();
    try {
      await exercise({ DATABASE_URL, DATABASE_SCHEMA: schema });
    } finally {
      await dropSchema(schema);
    }
  }, 120_000);
});
