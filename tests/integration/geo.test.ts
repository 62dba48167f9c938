/**
 * Sites on Earth with a real server (SPEC GS1, GS5, GS6, GS9, GS10): a vehicle's reported latitude and
 * longitude put it at the right place in the factory, bad positions are refused by name and change
 * nothing, and the overview lists the sites with their alarm states.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GeoFrame } from '../../shared/geo/frame.js';
import type { OverviewSite } from '../../shared/geo/overview.js';
import { loadConfig } from '../../server/config.js';
import { join, type TestClient } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { twinOf } from '../support/twinServer.js';
import { waitFor, waitForAsync } from '../support/wait.js';

const TOKEN = 'geo-test-ingest-token-0123456789';
let server: TestServer;
let dir: string;
let a: TestClient;

/** The project's layouts and the AGV's definition, its latitude's range taken out of the TD (GS6 must hold without it). */
function assets(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-geo-'));
  fs.cpSync(path.resolve('assets/spaces'), path.join(d, 'spaces'), { recursive: true });
  fs.mkdirSync(path.join(d, 'twins'));
  const td = JSON.parse(fs.readFileSync(path.resolve('assets/twins/agv-1.td.json'), 'utf8')) as {
    properties: Record<string, Record<string, unknown>>;
  };
  delete td.properties.latitude!.minimum;
  delete td.properties.latitude!.maximum;
  fs.writeFileSync(path.join(d, 'twins', 'agv-1.td.json'), JSON.stringify(td));
  return d;
}

beforeAll(async () => {
  dir = assets();
  server = await startTestServer({}, { ASSETS_DIR: dir, SIMULATOR: 'off', INGEST_TOKEN: TOKEN, PATCH_RATE_MS: '50' });
  a = await join(server.endpoint, { space: 'factory', name: 'Geo' });
});
afterAll(async () => {
  await a?.room.leave();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;
const ingest = (values: Record<string, unknown>) =>
  fetch(`${base()}/api/twins/agv-1/properties`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(values),
  });
const sites = async () => ((await (await fetch(`${base()}/api/spaces/sites/sites`)).json()) as { sites: OverviewSite[] }).sites;

describe('a vehicle that reports where it is', () => {
  it('GS1 GS5: latitude, longitude and heading put the AGV where the factory geo reference says, within 1 cm', async () => {
    const info = (await (await fetch(`${base()}/api/spaces/factory`)).json()) as { geo: ConstructorParameters<typeof GeoFrame>[0] };
    expect(info.geo).toEqual({ latitude: 53.1255, longitude: 8.7355, altitude: 48, heading: 28 });
    const frame = new GeoFrame(info.geo);
    // The layout's own place for it first: nothing reported yet.
    expect([twinOf(a, 'agv-1')!.px, twinOf(a, 'agv-1')!.pz]).toEqual([11, -4.5]);
    for (const [x, z, bearing] of [
      [-9.25, -6.5, 118],
      [4.5, 2.75, 298],
    ] as const) {
      const g = frame.toGeodetic({ x, y: 0, z });
      expect((await ingest({ latitude: g.latitude, longitude: g.longitude, heading: bearing })).status).toBe(200);
      const t = await waitFor('the AGV to move there', () => {
        const s = twinOf(a, 'agv-1')!;
        return Math.hypot(s.px - x, s.pz - z) < 0.01 ? s : undefined;
      });
      // Facing the bearing: yaw = heading of the site's −Z minus the bearing (counter-clockwise, F2).
      const yaw = 2 * Math.atan2(t.qy, t.qw);
      const want = ((28 - bearing) * Math.PI) / 180;
      expect(Math.cos(yaw - want)).toBeCloseTo(1, 6);
      expect(t.py).toBe(0);
    }
  });

  it('GS6: an out-of-range latitude is refused by name even when the TD gives no range, and the AGV stays put', async () => {
    const before = { px: twinOf(a, 'agv-1')!.px, pz: twinOf(a, 'agv-1')!.pz };
    const res = await ingest({ latitude: 95, longitude: 8.7355 });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: string; problems: { property: string; problem: string; message: string }[] };
    expect(body.error).toBe('invalid_values');
    expect(body.problems).toEqual([
      { property: 'latitude', problem: 'invalid_value', message: expect.stringMatching(/latitude 95 is outside −90…90/) },
    ]);
    // The longitude of that batch was not applied either (all or nothing), and the last good position holds.
    const api = (await (await fetch(`${base()}/api/twins/agv-1`)).json()) as { properties: Record<string, { value: unknown }> };
    expect(api.properties.latitude!.value).not.toBe(95);
    expect((await ingest({ longitude: -200 })).status).toBe(400);
    // A good reading after them is the round trip that proves the bad ones were seen and left no trace.
    expect((await ingest({ speed: 0.5 })).status).toBe(200);
    await waitFor('the speed', () => twinOf(a, 'agv-1')!.properties.get('speed')!.num === 0.5);
    expect({ px: twinOf(a, 'agv-1')!.px, pz: twinOf(a, 'agv-1')!.pz }).toEqual(before);
  });
});

describe('the overview of sites', () => {
  it('GS9 GS10: the overview lists its sites with their places and alarm states; an alarm at a site shows there', async () => {
    const info = (await (await fetch(`${base()}/api/spaces/sites`)).json()) as { overview: unknown };
    expect(info.overview).toEqual({ scale: 20000, sites: ['factory', 'warehouse', 'plant-south'], tileUrl: null, attribution: '' });
    const listed = await sites();
    expect(listed.map((s) => s.space)).toEqual(['factory', 'warehouse', 'plant-south']);
    const warehouse = listed.find((s) => s.space === 'warehouse')!;
    // Its layout gives only a UTM origin: proj4 put it in Duisburg (GS4).
    expect(warehouse.latitude).toBeCloseTo(51.3955, 5);
    expect(warehouse.longitude).toBeCloseTo(6.7055, 5);
    expect(warehouse).toMatchObject({ title: 'Logistics hub Duisburg', state: 'ok', alarms: 0, severity: '' });
    expect((await ingest({ battery: 15 })).status).toBe(200);
    const factory = await waitForAsync('the factory in alarm', async () =>
      (await sites()).find((s) => s.space === 'factory' && s.state === 'alarm'),
    );
    expect(factory).toMatchObject({ title: 'Factory floor', latitude: 53.1255, longitude: 8.7355, alarms: 1, severity: 'warning' });
    expect((await ingest({ battery: 60 })).status).toBe(200);
    await waitForAsync('the factory clear again', async () => (await sites()).find((s) => s.space === 'factory')?.state === 'ok');
    const notOverview = await fetch(`${base()}/api/spaces/factory/sites`);
    expect(notOverview.status).toBe(404);
    expect(((await notOverview.json()) as { error: string }).error).toBe('not_an_overview');
  });

  it('GS10: MAP_TILE_URL is served to the overview; a URL without {z}/{x}/{y} stops the server naming it', () => {
    expect(loadConfig({ MAP_TILE_URL: 'https://tile.example.org/{z}/{x}/{y}.png', MAP_ATTRIBUTION: '© Example' }).map).toEqual({
      tileUrl: 'https://tile.example.org/{z}/{x}/{y}.png',
      attribution: '© Example',
    });
    expect(() => loadConfig({ MAP_TILE_URL: 'https://tile.example.org/tiles.png' })).toThrow(
      /MAP_TILE_URL must contain \{z\}, \{x\} and \{y\}/,
    );
  });
});
