/**
 * The twins' HTTP API against a real server (SPEC H3–H8): listing with load problems, current values,
 * the Thing Description as loaded, and HTTP ingest with and without its token, with size and rate
 * limits. HTTP ingest writes through the same path as MQTT, so a colyseus.js client sees the value.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from '../support/clients.js';
import { INGEST_TOKEN, ingestCounters, propOf, startTwinServer, type TwinServer } from '../support/twinServer.js';
import { waitFor } from '../support/wait.js';

let t: TwinServer;
const BROKEN = JSON.stringify({
  '@context': 'https://www.w3.org/2022/wot/td/v1.1',
  title: 'Broken',
  properties: { x: { type: 'numbr', forms: [{ href: 'a' }] } },
});
const COFFEE = fs.readFileSync(path.resolve('tests/fixtures/twins/real-world/VirtualCoffeeMachineCoAP1.json'), 'utf8');

beforeAll(async () => {
  t = await startTwinServer(
    {
      floor: {
        twins: [
          { twin: 'pump-1', position: [0, 0, -3] },
          { twin: 'coffee', position: [3, 0, -3] },
        ],
      },
    },
    { INGEST_RATE: '5' },
    undefined,
    {
      'broken.td.json': BROKEN,
      'coffee.td.json': COFFEE,
    },
  );
});
afterAll(async () => {
  await t?.close();
});

const post = (id: string, body: unknown, token: string | null = INGEST_TOKEN) =>
  fetch(`${t.base}/api/twins/${id}/properties`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('twin API', () => {
  it('H3 TW2 TW4: GET /api/twins lists loaded twins with their spaces and problems, and the files that failed with file and JSON path', async () => {
    const res = await fetch(`${t.base}/api/twins`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      twins: { id: string; title: string; spaces: string[]; source: string; problems: string[] }[];
      failed: { file: string; problems: { file: string; path: string; message: string }[] }[];
    };
    expect(body.twins.map((x) => x.id).sort()).toEqual(['agv-1', 'cam-1', 'cam-2', 'cam-3', 'cnc-1', 'coffee', 'conveyor-1', 'pump-1']);
    expect(body.twins.find((x) => x.id === 'pump-1')).toMatchObject({ title: 'Coolant pump 1', spaces: ['floor'], source: 'mqtt' });
    const coffee = body.twins.find((x) => x.id === 'coffee')!;
    expect(coffee.problems.join('\n')).toMatch(/not bound, coap: property state/);
    expect(coffee.source).toBe('http'); // nothing else feeds it: HTTP pushes only
    expect(body.failed).toHaveLength(1);
    expect(body.failed[0]!.file).toMatch(/broken\.td\.json$/);
    expect(body.failed[0]!.problems[0]!.path).toBe('$.properties.x.type');
  });

  it('H4: GET /api/twins/:id gives current values with unit, quality and timestamp; unknown ids are a JSON 404', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    expect(a.room.state.twins.get('coffee')?.notes.join(' ')).toMatch(/coap/);
    expect((await post('pump-1', { flow: 12.5 })).status).toBe(200);
    const res = await fetch(`${t.base}/api/twins/pump-1`);
    const body = (await res.json()) as {
      properties: Record<string, { value: unknown; unit: string; quality: string; ts: number; history: { t: number[] } }>;
    };
    expect(body.properties.flow).toMatchObject({ value: 12.5, unit: 'm³/h', quality: 'good' });
    expect(body.properties.flow!.ts).toBeGreaterThan(Date.now() - 10_000);
    expect(body.properties.flow!.history.t.length).toBe(1);
    const missing = await fetch(`${t.base}/api/twins/nope`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: 'unknown_twin' });
    await a.room.leave();
  });

  it('H5: GET /api/twins/:id/td returns the Thing Description as loaded', async () => {
    const res = await fetch(`${t.base}/api/twins/coffee/td`);
    expect(res.headers.get('content-type')).toMatch(/application\/td\+json/);
    expect(await res.json()).toEqual(JSON.parse(COFFEE));
  });
});

describe('HTTP ingest', () => {
  it('H6: without the token → 401; with a wrong one → 401; with it → the value reaches the clients', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const none = await post('pump-1', { outletPressure: 2 }, null);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/Bearer/);
    expect(await none.json()).toMatchObject({ error: 'unauthorized', message: expect.stringMatching(/Authorization: Bearer/) });
    const wrong = await post('pump-1', { outletPressure: 2 }, 'x'.repeat(28));
    expect(wrong.status).toBe(401);
    expect(propOf(a, 'pump-1', 'outletPressure')?.ts).toBe(0);
    const ok = await post('pump-1', { ts: Date.now() - 500, values: { outletPressure: 2.5, running: true } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ accepted: 2 });
    await waitFor('HTTP value at the client', () => propOf(a, 'pump-1', 'outletPressure')?.num === 2.5);
    expect(propOf(a, 'pump-1', 'running')?.num).toBe(1);
    await a.room.leave();
  });

  it('H7 VAL1 VAL3: bad values → 400 naming each problem, nothing written, refusals counted; unknown twin → 404; not JSON → 400; too large → 413', async () => {
    const before = await ingestCounters(t.base);
    const bad = await post('pump-1', { flow: -3, outletPressure: 4, nope: 1 });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: string; problems: { property: string; message: string }[] };
    expect(body.error).toBe('invalid_values');
    expect(body.problems.map((p) => p.property).sort()).toEqual(['flow', 'nope']);
    expect(body.problems.find((p) => p.property === 'flow')!.message).toMatch(/>= 0/);
    const after = await ingestCounters(t.base);
    expect(after.refused - before.refused).toBe(1);
    expect(after.unknownProperty - before.unknownProperty).toBe(1);
    expect(after.accepted).toBe(before.accepted); // the good value in the batch was not written either
    expect((await post('no-such-twin', { flow: 1 })).status).toBe(404);
    const notJson = await post('pump-1', '{"flow":');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toMatchObject({ error: 'invalid_json' });
    const big = await post('pump-1', { flow: 1, pad: 'x'.repeat(20_000) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: 'too_large' });
  });

  it('H6 H7: a body that is not a batch (not an object, or an envelope with a non-numeric ts) → 400 invalid_body, nothing written', async () => {
    const before = await ingestCounters(t.base);
    const list = await post('pump-1', [1, 2]);
    expect(list.status).toBe(400);
    expect(await list.json()).toMatchObject({ error: 'invalid_body' });
    const badTs = await post('pump-1', { ts: 'yesterday', values: { flow: 1 } });
    expect(badTs.status).toBe(400);
    expect(await badTs.json()).toMatchObject({ error: 'invalid_body', message: expect.stringMatching(/ts: /) as unknown });
    expect((await ingestCounters(t.base)).accepted).toBe(before.accepted);
  });

  it('H8: more requests than INGEST_RATE allows → 429 with Retry-After', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => post('pump-1', { flow: 1 })));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0]!.headers.get('retry-after')).toBe('1');
    expect(await limited[0]!.json()).toMatchObject({ error: 'rate_limited' });
  });
});
