/**
 * The history API on a real server with the real PostgreSQL (SPEC HS4–HS7, ST5): values go in through
 * the runtime's ingest path with their own timestamps, come back as buckets, raw pages and alarm
 * events; every refusal has its status and named error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { dropSchema } from '../support/stores.js';

const schema = uniqueName('tvhist').toLowerCase();
let server: TestServer;
let assets: TwinAssets;
let base: string;
/** Start of a whole hour two hours ago: every value of these tests lies after it. */
const T0 = Math.floor((Date.now() - 2 * 3_600_000) / 3_600_000) * 3_600_000;

async function get(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${base}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function saved(): Promise<void> {
  server.history!.flush();
  await server.store.drained();
}

beforeAll(async () => {
  await requireService('postgres');
  assets = makeTwinAssets(uniqueName('tv'), {}, (id, td) => {
    // A text property, to check that only numbers and booleans are recorded.
    if (id !== 'pump-1') return;
    const props = td.properties as Record<string, { forms: unknown[] }>;
    props.mode = { type: 'string', readOnly: true, forms: props.speed!.forms } as never;
  });
  server = await startTestServer({}, { ASSETS_DIR: assets.dir, DATABASE_URL, DATABASE_SCHEMA: schema, SIMULATOR: 'off' });
  base = server.url.replace('localhost', '127.0.0.1');
  await server.store.opened();
  // Two minutes of speed at 1 Hz: minute 0 rises 1..60, minute 1 falls 60..1.
  for (let s = 0; s < 120; s++) server.twins.ingest('pump-1', 'speed', s < 60 ? s + 1 : 120 - s, T0 + s * 1000);
  // running: true for 15 s of each of the two minutes.
  for (let s = 0; s <= 120; s++) server.twins.ingest('pump-1', 'running', s % 60 < 15, T0 + s * 1000);
  await saved();
}, 60_000);

afterAll(async () => {
  await server?.close();
  assets?.remove();
  await dropSchema(schema);
});

describe('history API', () => {
  it('ST5: /health says the store is ready', async () => {
    const { status, body } = await get('/health');
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', store: { kind: 'postgres', state: 'ready' } });
    // How many writes wait: the last values' snapshot (every second) may have queued one this instant.
    expect((body as { store: { queued: number } }).store.queued).toBeGreaterThanOrEqual(0);
  });

  it('HS4: numbers in one-minute buckets: n, min, avg, max, first, last, with the unit', async () => {
    const { status, body } = await get(`/api/twins/pump-1/history?property=speed&from=${T0}&to=${T0 + 119_000}&step=1m`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      twin: 'pump-1',
      property: 'speed',
      unit: '%',
      type: 'number',
      step: '1m',
      stepMs: 60_000,
      truncated: false,
    });
    expect(body.buckets).toEqual([
      { t: T0, n: 60, min: 1, avg: 30.5, max: 60, first: 1, last: 60 },
      { t: T0 + 60_000, n: 60, min: 1, avg: 30.5, max: 60, first: 60, last: 1 },
    ]);
  });

  it('HS4: steps under a minute come from the samples; ISO 8601 times are read', async () => {
    const from = new Date(T0).toISOString();
    const to = new Date(T0 + 29_999).toISOString();
    const { body } = await get(`/api/twins/pump-1/history?property=speed&from=${from}&to=${to}&step=10s`);
    expect(body.buckets).toEqual([
      { t: T0, n: 10, min: 1, avg: 5.5, max: 10, first: 1, last: 10 },
      { t: T0 + 10_000, n: 10, min: 11, avg: 15.5, max: 20, first: 11, last: 20 },
      { t: T0 + 20_000, n: 10, min: 21, avg: 25.5, max: 30, first: 21, last: 30 },
    ]);
  });

  it('HS4: no step gives at most 500 buckets; a step giving more than 2,000 is truncated', async () => {
    const auto = await get('/api/twins/pump-1/history?property=speed&from=now-24h&to=now');
    expect(auto.body.step).toBe('5m');
    const fine = await get(`/api/twins/pump-1/history?property=speed&from=${T0}&to=${T0 + 3_600_000}&step=1s`);
    expect(fine.body.truncated).toBe(true);
    const buckets = fine.body.buckets as { t: number }[];
    expect(buckets).toHaveLength(120);
    expect(buckets.every((b) => b.t < T0 + 2000 * 1000)).toBe(true);
  });

  it('HS5: booleans: n, first, last and the fraction of time true', async () => {
    const { body } = await get(`/api/twins/pump-1/history?property=running&from=${T0}&to=${T0 + 119_999}&step=1m`);
    expect(body.type).toBe('boolean');
    const [a, b] = body.buckets as { n: number; first: boolean; last: boolean; fraction: number }[];
    expect(a).toMatchObject({ n: 60, first: true, last: false });
    expect(a!.fraction).toBeCloseTo(15 / 59, 5);
    expect(b).toMatchObject({ n: 60, first: true, last: false });
    expect(b!.fraction).toBeCloseTo(15 / 60, 5);
  });

  it('HS4: raw samples come in pages of at most 10,000 with a cursor', async () => {
    const start = T0 + 10 * 60_000;
    for (let i = 0; i < 10_050; i++) server.twins.ingest('pump-1', 'vibration', 1 + (i % 7) / 10, start + i * 50);
    await saved();
    const to = start + 10_050 * 50;
    const first = await get(`/api/twins/pump-1/history?property=vibration&from=${start}&to=${to}&step=raw`);
    const samples = first.body.samples as { t: number; v: number }[];
    expect(samples).toHaveLength(10_000);
    expect(samples[0]).toEqual({ t: start, v: 1 });
    expect(samples[1]).toEqual({ t: start + 50, v: 1.1 });
    expect(typeof first.body.next).toBe('string');
    const second = await get(
      `/api/twins/pump-1/history?property=vibration&from=${start}&to=${to}&step=raw&cursor=${String(first.body.next)}`,
    );
    const rest = second.body.samples as { t: number }[];
    expect(rest).toHaveLength(50);
    expect(rest[0]!.t).toBe(start + 10_000 * 50);
    expect(second.body.next).toBeNull();
  });

  it('HS6: alarm events: raised and cleared, with the value', async () => {
    const at = Date.now() - 10_000;
    server.twins.ingest('pump-1', 'outletPressure', 7.2, at);
    server.twins.ingest('pump-1', 'outletPressure', 5.0, at + 1000);
    await saved();
    const { status, body } = await get(`/api/twins/pump-1/alarms?from=${at - 1}&to=now`);
    expect(status).toBe(200);
    expect(body.events).toEqual([
      {
        at,
        alarm: 'pressureHigh',
        property: 'outletPressure',
        kind: 'raised',
        severity: 'critical',
        message: 'Outlet pressure high',
        value: 7.2,
        by: null,
      },
      {
        at: at + 1000,
        alarm: 'pressureHigh',
        property: 'outletPressure',
        kind: 'cleared',
        severity: 'critical',
        message: 'Outlet pressure high',
        value: 5,
        by: null,
      },
    ]);
  });

  it.each([
    ['/api/twins/nope/history?property=speed', 404, 'unknown_twin'],
    ['/api/twins/nope/alarms', 404, 'unknown_twin'],
    ['/api/twins/pump-1/history', 400, 'missing_property'],
    ['/api/twins/pump-1/history?property=nope', 400, 'unknown_property'],
    ['/api/twins/pump-1/history?property=mode', 400, 'property_not_recorded'],
    ['/api/twins/pump-1/history?property=speed&property=flow', 400, 'invalid_parameter'],
    ['/api/twins/pump-1/history?property=speed&from=yesterday', 400, 'invalid_time'],
    ['/api/twins/pump-1/history?property=speed&to=2026-13-45', 400, 'invalid_time'],
    ['/api/twins/pump-1/history?property=speed&from=now-10m&to=now-20m', 400, 'invalid_range'],
    ['/api/twins/pump-1/history?property=speed&from=now-31d', 400, 'range_past_retention'],
    ['/api/twins/pump-1/history?property=speed&step=7s', 400, 'invalid_step'],
    ['/api/twins/pump-1/history?property=speed&step=90s', 400, 'invalid_step'],
    ['/api/twins/pump-1/history?property=speed&step=500ms', 400, 'invalid_step'],
    ['/api/twins/pump-1/history?property=speed&step=fast', 400, 'invalid_step'],
    ['/api/twins/pump-1/history?property=speed&step=raw&cursor=abc', 400, 'invalid_cursor'],
    ['/api/twins/pump-1/alarms?from=now&to=now-1h', 400, 'invalid_range'],
    ['/api/twins/pump-1/alarms?from=soon', 400, 'invalid_time'],
  ])('HS7: %s → %i %s', async (path, status, error) => {
    const res = await get(path);
    expect(res.status).toBe(status);
    expect(res.body).toMatchObject({ error, message: expect.any(String) });
  });
});
