/**
 * The store under faults (issue 10 faults 2 and 4; SPEC ST4, ST5): PostgreSQL cut and back through a
 * proxy (the shared server is never stopped) — rooms keep serving, /health says degraded, queued
 * writes land when it is back; a command pending at shutdown is recorded `aborted`; a command sent
 * while a fresh embedded store is still opening completes without waiting for it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';

import { join } from '../support/clients.js';
import { startTestServer } from '../support/server.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { dropSchema } from '../support/stores.js';
import { startTcpProxy } from '../support/tcpProxy.js';
import { startTwinServer, twinOf } from '../support/twinServer.js';
import { waitFor, waitForAsync } from '../support/wait.js';

interface Health {
  status: string;
  store: { state: string; queued: number };
}
const health = async (base: string) => (await (await fetch(`${base}/health`)).json()) as Health;

describe('store faults', () => {
  it('ST5: PostgreSQL gone → rooms keep serving, /health degraded; back → writes resume, nothing recorded meanwhile is lost', async () => {
    await requireService('postgres');
    const target = new URL(DATABASE_URL);
    const proxy = await startTcpProxy(target.hostname, Number(target.port || 5432));
    const url = new URL(DATABASE_URL);
    url.port = String(proxy.port);
    const schema = uniqueName('tvout').toLowerCase();
    const server = await startTestServer({}, { DATABASE_URL: url.toString(), DATABASE_SCHEMA: schema, HISTORY_FLUSH_MS: '200' });
    const base = server.url.replace('localhost', '127.0.0.1');
    try {
      await server.store.opened();
      const a = await join(server.endpoint, { space: 'factory' });
      proxy.cut();
      const cutAt = Date.now();
      await waitForAsync('health degraded', async () => (await health(base)).status === 'degraded', 10_000);
      // The room still serves: state keeps arriving, the simulator keeps running.
      const before = server.twins.stats.accepted;
      await new Promise<void>((r) => a.room.onStateChange.once(() => r()));
      await waitFor('values accepted during the outage', () => server.twins.stats.accepted > before + 20);
      const refused = await fetch(`${base}/api/twins/pump-1/history?property=speed&from=now-1m`);
      expect(refused.status).toBe(503);
      expect(await refused.json()).toMatchObject({ error: 'store_unavailable' });
      proxy.restore();
      const backAt = Date.now();
      await waitForAsync(
        'health ok, queue empty',
        async () => {
          const h = await health(base);
          return h.status === 'ok' && h.store.queued === 0;
        },
        20_000,
      );
      server.history!.flush();
      await server.store.drained();
      const res = await fetch(`${base}/api/twins/pump-1/history?property=speed&from=${cutAt}&to=${backAt}&step=raw`);
      const body = (await res.json()) as { samples: { t: number }[] };
      // The simulator steps at 10 Hz: the outage's seconds are all there, without a hole.
      expect(body.samples.length).toBeGreaterThan(((backAt - cutAt) / 1000) * 5);
      const gaps = body.samples.slice(1).map((s, i) => s.t - body.samples[i]!.t);
      expect(Math.max(...gaps)).toBeLessThan(1000);
      await a.room.leave();
    } finally {
      await server.close();
      await proxy.close();
      await dropSchema(schema);
    }
  }, 60_000);

  it('ST4: a command still pending at shutdown is recorded aborted', async () => {
    const t = await startTwinServer({ floor: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }] } }, { COMMAND_TIMEOUT_MS: '60000' });
    try {
      const a = await join(t.server.endpoint, { space: 'floor', name: 'Ada' });
      a.room.send('twin.command', { twin: 'cnc-1', action: 'start' });
      const cmd = await waitFor('pending', () => [...(twinOf(a, 'cnc-1')?.commands.values() ?? [])].find((c) => c.status === 'pending'));
      // The device never answers; the server stops.
      await t.server.close();
      const db = new pg.Client({ connectionString: DATABASE_URL });
      await db.connect();
      const { rows } = await db.query(`SELECT status, reason, done_at FROM "${t.schema}".twin_commands WHERE id = $1`, [cmd.id]);
      await db.end();
      expect(rows).toEqual([{ status: 'aborted', reason: 'the server stopped before the device answered', done_at: expect.any(Date) }]);
    } finally {
      await t.close();
    }
  });

  it('ST5: a fresh embedded store opens off the event loop: a command completes while it is still opening, and is recorded once it is open', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-pglite-'));
    const server = await startTestServer({}, { DATA_DIR: dataDir });
    const base = server.url.replace('localhost', '127.0.0.1');
    try {
      expect((await health(base)).store.state).toBe('opening');
      const a = await join(server.endpoint, { space: 'factory', name: 'Ada' });
      a.room.send('twin.command', { twin: 'pump-1', action: 'start' });
      const done = await waitFor(
        'the simulator to acknowledge',
        () => [...(twinOf(a, 'pump-1')?.commands.values() ?? [])].find((c) => c.status !== 'pending'),
        10_000,
      );
      expect(done.status).toBe('acknowledged');
      expect(server.store.state).toBe('opening');
      await server.store.opened();
      const recorded = await waitForAsync('the command recorded', async () => {
        const body = (await (await fetch(`${base}/api/twins/pump-1/commands`)).json()) as { commands: { id: string; status: string }[] };
        return body.commands.find((c) => c.id === done.id && c.status === 'acknowledged');
      });
      expect(recorded).toMatchObject({ byName: 'Ada', action: 'start' });
      await a.room.leave();
    } finally {
      await server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 600_000);
});
