/**
 * A machine's memory outlives the server (SPEC AU6, NT3, AK3): a fault injected over HTTP, its alarm
 * acknowledged and a note written, then the server stops and starts again on the same PGlite folder /
 * PostgreSQL schema — the acknowledgement, the note and the audit entries are all there. The machine is
 * the built-in simulator's conveyor (its jam alarm stays raised until the jam is cleared). And it
 * outlives a database outage (AU1, ST5): PostgreSQL cut through a proxy, a note is still taken at
 * once and kept when the database is back.
 */
import { describe, expect, it } from 'vitest';
import { member } from '../support/inbox.js';
import { startTestServer } from '../support/server.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { dropSchema, forEachStore } from '../support/stores.js';
import { startTcpProxy } from '../support/tcpProxy.js';
import { INGEST_TOKEN } from '../support/twinServer.js';
import { waitFor, waitForAsync } from '../support/wait.js';
import type { TwinNoteAddedMessage } from '../../shared/protocol/twinMemory.js';

interface Kept {
  alarms: { kind: string; alarm: string; by: { name: string } | null }[];
  notes: { id: string; kind: string; text: string; by: string }[];
  audit: { kind: string; actor: { name: string }; subject: string; twin: string }[];
}

async function read(base: string, from: number): Promise<Kept> {
  const json = async <T>(p: string) => {
    const res = await fetch(`${base}${p}`);
    expect(res.status).toBe(200);
    return (await res.json()) as T;
  };
  const [alarms, notes, audit] = await Promise.all([
    json<{ events: Kept['alarms'] }>(`/api/twins/conveyor-1/alarms?from=${from}`),
    json<{ notes: Kept['notes'] }>(`/api/twins/conveyor-1/notes?from=${from}`),
    json<{ entries: Kept['audit'] }>(`/api/audit?twin=conveyor-1&from=${from}&limit=500`),
  ]);
  return { alarms: alarms.events, notes: notes.notes, audit: audit.entries };
}

async function exercise(env: Record<string, string>): Promise<void> {
  const settings = { ...env, INGEST_TOKEN, SIM_SEED: '5', PATCH_RATE_MS: '50' };
  const from = Date.now() - 1;
  const a = await startTestServer({}, settings);
  const base = () => a.url.replace('localhost', '127.0.0.1');
  let before: Kept;
  try {
    await a.store.opened();
    const ada = await member(a.endpoint, { space: 'factory', name: 'Ada' });
    const jam = await fetch(`${base()}/api/twins/conveyor-1/faults`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'jam' }),
    });
    expect(jam.status).toBe(202);
    await waitFor('the jam alarm', () => ada.room.state.twins.get('conveyor-1')?.alarms.get('jam'), 15_000);
    ada.room.send('twin.alarm_ack', { twin: 'conveyor-1', alarm: 'jam' });
    ada.room.send('twin.note', { twin: 'conveyor-1', kind: 'part_replaced', text: 'New belt fitted' });
    await ada.next('twin.note_added', 1, 10_000);
    await waitFor('acknowledged', () => ada.room.state.twins.get('conveyor-1')?.alarms.get('jam')?.ackByName === 'Ada');
    expect(ada.errors).toEqual([]);
    await ada.room.leave();
    await a.store.drained();
    before = await read(base(), from);
  } finally {
    await a.close();
  }
  expect(before.alarms.find((e) => e.kind === 'acknowledged')).toMatchObject({ alarm: 'jam', by: { name: 'Ada' } });
  expect(before.notes).toHaveLength(1);
  const kinds = before.audit.map((e) => e.kind);
  for (const k of ['fault', 'alarm_ack', 'note']) expect(kinds).toContain(k);
  expect(before.audit.find((e) => e.kind === 'fault')).toMatchObject({ actor: { name: 'HTTP API' }, subject: expect.any(String) });

  const b = await startTestServer({}, settings);
  try {
    await b.store.opened();
    const after = await read(b.url.replace('localhost', '127.0.0.1'), from);
    // What the first server answered, the second answers too (entries it adds itself come after).
    expect(after.alarms.filter((e) => e.kind === 'acknowledged')).toEqual(before.alarms.filter((e) => e.kind === 'acknowledged'));
    expect(after.notes).toEqual(before.notes);
    expect(after.audit.slice(-before.audit.length)).toEqual(before.audit);
  } finally {
    await b.close();
  }
}

describe('machine memory across a restart', () => {
  describe('AU6 NT3 AK3: acknowledgements, notes and the audit log survive a restart', () => {
    forEachStore('tvmemory', exercise, { postgres: 120_000, pglite: 120_000 });
  });

  it('AU1 NT3: with PostgreSQL cut, a note is taken and announced at once; its row and audit entry land when the database is back', async () => {
    await requireService('postgres');
    const target = new URL(DATABASE_URL);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(DATABASE_URL);
    url.port = String(proxy.port);
    const schema = uniqueName('tvmemout').toLowerCase();
    const server = await startTestServer({}, { DATABASE_URL: url.toString(), DATABASE_SCHEMA: schema });
    const base = server.url.replace('localhost', '127.0.0.1');
    const health = async () => (await (await fetch(`${base}/health`)).json()) as { status: string; store: { queued: number } };
    try {
      await server.store.opened();
      const ada = await member(server.endpoint, { space: 'factory', name: 'Ada' });
      proxy.cut();
      await waitForAsync('health degraded', async () => (await health()).status === 'degraded', 10_000);
      const from = Date.now() - 1;
      ada.room.send('twin.note', { twin: 'pump-1', kind: 'observation', text: 'Written while the database is away' });
      const added = await ada.next<TwinNoteAddedMessage>('twin.note_added', 1, 10_000);
      const away = await fetch(`${base}/api/twins/pump-1/notes?from=${from}`);
      expect(away.status).toBe(503);
      expect(await away.json()).toMatchObject({ error: 'store_unavailable' });
      proxy.restore();
      await waitForAsync(
        'health ok, queue empty',
        async () => {
          const h = await health();
          return h.status === 'ok' && h.store.queued === 0;
        },
        20_000,
      );
      await server.store.drained();
      const notes = (await (await fetch(`${base}/api/twins/pump-1/notes?from=${from}`)).json()) as { notes: unknown[] };
      expect(notes.notes).toEqual([added.note]);
      const audit = (await (await fetch(`${base}/api/audit?twin=pump-1&from=${from}`)).json()) as {
        entries: { kind: string; detail: { note?: string } }[];
      };
      expect(audit.entries.find((e) => e.kind === 'note')?.detail.note).toBe(added.note.id);
      expect(ada.errors).toEqual([]);
      await ada.room.leave();
    } finally {
      await server.close();
      await proxy.close();
      await dropSchema(schema);
    }
  }, 60_000);
});
