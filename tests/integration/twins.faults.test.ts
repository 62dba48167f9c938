/**
 * Faults of simulated machines, injected over HTTP and from the space (SPEC AN2, AN3): the token,
 * named errors for a bad twin or fault, and the effect seen by a colyseus.js client like any value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { join } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { INGEST_TOKEN, propOf, twinOf } from '../support/twinServer.js';
import { waitFor, waitForAsync } from '../support/wait.js';
import { dropSchema } from '../support/stores.js';

let server: TestServer;
let base: string;
const schema = uniqueName('tvfaults').toLowerCase();

beforeAll(async () => {
  await requireService('postgres');
  server = await startTestServer({}, { DATABASE_URL, DATABASE_SCHEMA: schema, SIM_SEED: '5', PATCH_RATE_MS: '50', INGEST_TOKEN });
  base = server.url.replace('localhost', '127.0.0.1');
});
afterAll(async () => {
  await server?.close();
  await dropSchema(schema);
});

const faults = (id: string, method: 'POST' | 'DELETE' | 'GET', body?: unknown, token: string | null = INGEST_TOKEN) =>
  fetch(`${base}/api/twins/${id}/faults`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
const errorOf = async (res: Response) => ({ status: res.status, ...((await res.json()) as { error: string; message: string }) });

describe('faults over HTTP', () => {
  it('AN3: without the ingest token, for an unknown twin or fault, or with a bad body: refused with a named error, nothing started', async () => {
    expect(await errorOf(await faults('pump-1', 'POST', { fault: 'bearingWear' }, null))).toMatchObject({
      status: 401,
      error: 'unauthorized',
    });
    expect(await errorOf(await faults('pump-1', 'POST', { fault: 'bearingWear' }, 'wrong'))).toMatchObject({
      status: 401,
      error: 'unauthorized',
    });
    expect(await errorOf(await faults('nope', 'POST', { fault: 'bearingWear' }))).toMatchObject({ status: 404, error: 'unknown_twin' });
    const unknown = await errorOf(await faults('pump-1', 'POST', { fault: 'gremlins' }));
    expect(unknown).toMatchObject({ status: 400, error: 'unknown_fault' });
    expect(unknown.message).toMatch(/bearingWear, cloggedFilter, overheating/);
    expect(await errorOf(await faults('cnc-1', 'POST', { fault: 'jam' }))).toMatchObject({ status: 400, error: 'unknown_fault' });
    expect(await errorOf(await faults('pump-1', 'POST', { fault: 'bearingWear', severity: 3 }))).toMatchObject({
      status: 400,
      error: 'invalid_fault',
    });
    expect(await errorOf(await faults('pump-1', 'POST', '{"fault":'))).toMatchObject({ status: 400, error: 'invalid_json' });
    expect(await errorOf(await faults('pump-1', 'POST', ['bearingWear']))).toMatchObject({ status: 400, error: 'invalid_body' });
    expect(await errorOf(await faults('pump-1', 'DELETE', undefined, null))).toMatchObject({ status: 401, error: 'unauthorized' });
    const list = (await (await faults('pump-1', 'GET')).json()) as { supported: { fault: string }[]; active: unknown[] };
    expect(list.supported.map((f) => f.fault)).toEqual(['bearingWear', 'cloggedFilter', 'overheating']);
    expect(list.active).toEqual([]);
  });

  it('AN2 AN3: a fault started over HTTP is a recorded command everyone sees, changes the readings, and is repaired by DELETE', async () => {
    const a = await join(server.endpoint, { space: 'factory' });
    await waitFor('pump values', () => propOf(a, 'pump-1', 'vibration')?.quality === 'good');
    const before = propOf(a, 'pump-1', 'vibration')!.num;
    const res = await faults('pump-1', 'POST', { fault: 'bearingWear', rampSeconds: 0 });
    expect(res.status).toBe(202);
    const { command } = (await res.json()) as { command: string };
    const seen = await waitFor('the command acknowledged', () => {
      const c = twinOf(a, 'pump-1')?.commands.get(command);
      return c?.status === 'acknowledged' ? c : undefined;
    });
    expect(seen).toMatchObject({ action: 'injectFault', byName: 'HTTP API' });
    expect(JSON.parse(seen.input)).toEqual({ fault: 'bearingWear', rampSeconds: 0 });
    await waitFor('vibration up', () => propOf(a, 'pump-1', 'vibration')!.num > before + 3);
    // The API shows each number's anomaly score and the notices (none yet: the baseline needs a minute).
    const api = (await (await fetch(`${base}/api/twins/pump-1`)).json()) as {
      properties: Record<string, { anomaly: number | null }>;
      anomalies: unknown[];
    };
    expect(api.properties.vibration!.anomaly).toEqual(expect.any(Number));
    expect(api.properties.running!.anomaly).toBeNull();
    expect(api.anomalies).toEqual(expect.any(Array));
    const list = (await (await faults('pump-1', 'GET')).json()) as { active: { fault: string; by: string }[] };
    expect(list.active).toEqual([expect.objectContaining({ fault: 'bearingWear', by: 'HTTP API' })]);
    const recorded = await waitForAsync('recorded in the command store', async () => {
      const body = (await (await fetch(`${base}/api/twins/pump-1/commands`)).json()) as { commands: { id: string; status: string }[] };
      return body.commands.find((c) => c.id === command && c.status === 'acknowledged');
    });
    expect(recorded).toBeTruthy();
    expect((await faults('pump-1', 'DELETE')).status).toBe(202);
    await waitFor('vibration back', () => propOf(a, 'pump-1', 'vibration')!.num < before + 1);
    await a.room.leave();
  });
});

describe('faults from the space', () => {
  it('AN2: an operator jams the belt from the panel action; everyone sees the jam alarm; a fault the machine cannot suffer is refused by name', async () => {
    const a = await join(server.endpoint, { space: 'factory', name: 'Ada' });
    const b = await join(server.endpoint, { space: 'factory', name: 'Bo' });
    await waitFor('conveyor running', () => propOf(b, 'conveyor-1', 'running')?.num === 1);
    expect(twinOf(b, 'conveyor-1')!.alarms.size).toBe(0); // it starts healthy
    a.room.send('twin.command', { twin: 'conveyor-1', action: 'injectFault', input: { fault: 'jam' } });
    await waitFor('B sees the jam alarm', () => twinOf(b, 'conveyor-1')?.alarms.has('jam'));
    expect(propOf(b, 'conveyor-1', 'jammed')!.num).toBe(1);
    expect([...twinOf(b, 'conveyor-1')!.commands.values()].find((c) => c.action === 'injectFault')).toMatchObject({ byName: 'Ada' });
    a.room.send('twin.command', { twin: 'conveyor-1', action: 'clearJam' });
    await waitFor('jam cleared', () => propOf(b, 'conveyor-1', 'jammed')?.num === 0);
    a.room.send('twin.command', { twin: 'cnc-1', action: 'injectFault', input: { fault: 'jam' } });
    const refused = await waitFor('twin.invalid_input', () => a.errors.find((e) => e.code === 'twin.invalid_input'));
    expect(refused.message).toMatch(/fault/);
    await a.room.leave();
    await b.room.leave();
  });
});
