/**
 * The simulated AGV (SPEC GS7): it drives its loop and reports WGS84 positions a few times a second
 * that land back on the loop through the site's geo reference; a layout whose geo reference does not
 * hold together is skipped naming the problem (GS4).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GeoFrame } from '../../../../shared/geo/frame.js';
import { agv } from '../../../../server/twins/simulator/agv.js';
import { simulate } from '../../../support/simulate.js';
import { loadSpaceLayouts } from '../../../../server/spaces/layouts.js';
import { createLogger } from '../../../../server/log.js';

const site = { latitude: 53.1255, longitude: 8.7355, altitude: 0, heading: 28 };
const params = {
  siteLatitude: 53.1255,
  siteLongitude: 8.7355,
  siteHeading: 28,
  loopMinX: -11,
  loopMaxX: 11,
  loopMinZ: -8.5,
  loopMaxZ: -4.5,
};

describe('the AGV simulator', () => {
  it('GS7: reports latitude, longitude and heading at 4 Hz, on its loop, facing the way it drives, and goes round', () => {
    const m = agv.create(params);
    const frame = new GeoFrame(site);
    const reports: { x: number; z: number; heading: number }[] = [];
    let steps = 0;
    simulate(m, 90, {
      step: 0.1,
      each: () => {
        steps++;
        const r = m.readings();
        if (!('latitude' in r)) return;
        const p = frame.toSpace({ latitude: r.latitude as number, longitude: r.longitude as number, altitude: 0 });
        reports.push({ x: p.x, z: p.z, heading: r.heading as number });
      },
    });
    // 90 s at 4 Hz.
    expect(reports.length).toBeGreaterThanOrEqual(Math.floor(steps / 4) - 1);
    expect(reports.length).toBeLessThanOrEqual(Math.ceil(steps / 2.5));
    for (const p of reports) {
      const onX = Math.abs(Math.abs(p.x - 0) - 11) < 0.01 && p.z >= -8.51 && p.z <= -4.49;
      const onZ = (Math.abs(p.z + 8.5) < 0.01 || Math.abs(p.z + 4.5) < 0.01) && Math.abs(p.x) <= 11.01;
      expect(onX || onZ).toBe(true);
    }
    // First leg: along −Z on the +X side, i.e. facing the site's own heading.
    const moving = reports.find((p) => p.z < -5)!;
    expect(Math.abs(moving.heading - 28)).toBeLessThan(0.01);
    // Round the loop in 90 s (52 m at up to 1.2 m/s): it has been on every side.
    expect(reports.some((p) => p.x < -10.9)).toBe(true);
    expect(reports.some((p) => p.z < -8.4)).toBe(true);
  });

  it('GS7: stops when told and starts again', () => {
    const m = agv.create(params);
    expect(m.invoke('stop', undefined)).toEqual({ ok: true });
    simulate(m, 4, { step: 0.1 });
    expect(m.readings()).toMatchObject({ speed: 0, running: false });
    expect(m.invoke('fly', undefined).ok).toBe(false);
  });
});

describe('geo references in layouts', () => {
  it('GS4: a layout whose latitude/longitude and projected origin disagree is skipped, naming the problem', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-layouts-'));
    const layout = (geo: unknown) => ({
      version: 1,
      title: 't',
      hall: { width: 10, depth: 10, height: 4 },
      spawn: { x: 0, z: 0, yaw: 0 },
      geo,
    });
    fs.writeFileSync(
      path.join(dir, 'bad.json'),
      JSON.stringify(layout({ latitude: 51, longitude: 6.7055, crs: { code: 'EPSG:25832', easting: 340377.912, northing: 5696305.781 } })),
    );
    fs.writeFileSync(
      path.join(dir, 'good.json'),
      JSON.stringify(layout({ crs: { code: 'EPSG:25832', easting: 340377.912, northing: 5696305.781 } })),
    );
    try {
      const l = await loadSpaceLayouts(dir, createLogger('silent'));
      expect(l.names()).toEqual(['good']);
      expect(l.problems).toEqual([{ file: path.join(dir, 'bad.json'), problem: expect.stringMatching(/^geo: .* m apart/) }]);
      expect(l.geoOf('good')?.latitude).toBeCloseTo(51.3955, 6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
