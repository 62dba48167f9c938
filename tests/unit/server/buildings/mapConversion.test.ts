/**
 * A building's IfcMapConversion as its space's geo reference (SPEC GS14): read from a variant of the
 * sample plant written with web-ifc's writer (EPSG:25832, ETRS89 / UTM 32N, a few hundred metres off
 * the factory, turned 28°), it places every point of the building within 1 cm of where the file's
 * own map conversion and proj4 put it; a layout's own `geo` wins over it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlant, sampleGuid, type PlantMap } from '../../../../assets/buildings/build.js';
import { loadBuildings } from '../../../../server/buildings/buildings.js';
import { readIfc } from '../../../../server/buildings/ifcReader.js';
import { geoOfMapConversion, localToMap } from '../../../../server/buildings/ifcMap.js';
import { GeoReferenceError, projectedToWgs84 } from '../../../../server/geo/projected.js';
import { SpaceLayouts } from '../../../../server/spaces/layouts.js';
import { createLogger } from '../../../../server/log.js';
import { GeoFrame } from '../../../../shared/geo/frame.js';
import { check } from '../../../../shared/protocol/validation.js';
import { SpaceLayout } from '../../../../shared/space/layout.js';

/** Near the factory (53.1255 N, 8.7355 E): UTM 32N's central meridian is 9° E, so grid north is ~0.2° off true north. */
const MAP: PlantMap = { crs: 'EPSG:25832', eastings: 482_300.25, northings: 5_886_410.5, height: 4.2, rotation: -28 };
const FILE = 'buildings/geo.ifc';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-mapconv-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a building that says where it is on a map', () => {
  it('GS14: the IfcMapConversion is read: its CRS, origin, height and the local x axis', async () => {
    const read = await readIfc(await buildPlant(MAP), FILE);
    expect(read.elements).toHaveLength(17);
    const m = read.map!;
    expect(m.crs).toBe('EPSG:25832');
    expect([m.eastings, m.northings, m.height, m.scale]).toEqual([MAP.eastings, MAP.northings, MAP.height, 1]);
    expect(Math.atan2(m.xOrdinate, m.xAbscissa) * (180 / Math.PI)).toBeCloseTo(-28, 9);
  });

  it('GS14: space ↔ geodetic through the geo reference it gives agrees with the file’s map conversion within 1 cm', async () => {
    const m = (await readIfc(await buildPlant(MAP), FILE)).map!;
    const geo = geoOfMapConversion(m);
    expect(geo.crs).toEqual({ code: 'EPSG:25832', easting: MAP.eastings, northing: MAP.northings });
    expect(geo.altitude).toBe(MAP.height);
    // Grid bearing of IFC +Y is 28°; true north is ~0.2° east of grid north here.
    expect(geo.heading).toBeGreaterThan(27.5);
    expect(geo.heading).toBeLessThan(28);
    const frame = new GeoFrame(geo);
    // IFC local points (x east-ish, y north-ish, z up) across the plant to its corners. The file's
    // Scale is 1 while UTM's grid is 0.9996 of the ground here: 4 mm per 10 m, within 1 cm on the site.
    for (const [x, y, z] of [
      [0, 0, 0],
      [6.5, 1, 0],
      [-12, 9, 8],
      [12, -9, 0],
      [12, 9, 8],
    ] as const) {
      const [lon, lat] = projectedToWgs84(geo.crs!, ...localToMap(m, x, y));
      const fromFile = { latitude: lat, longitude: lon, altitude: MAP.height + z };
      // The space's frame: IFC +Z up → +Y, IFC +Y (north) → −Z (SPEC BM3).
      const space = { x, y: z, z: -y };
      const there = frame.toSpace(fromFile);
      const off = Math.hypot(there.x - space.x, there.y - space.y, there.z - space.z);
      expect(off, `${x}, ${y}, ${z}`).toBeLessThan(0.01);
      const back = frame.toSpace(frame.toGeodetic(space));
      expect(Math.hypot(back.x - space.x, back.y - space.y, back.z - space.z)).toBeLessThan(0.01);
    }
  });

  it('GS14: a CRS that is not an EPSG code is not used, named', () => {
    const m = { crs: 'ETRS89 / UTM 32N', eastings: 1, northings: 2, height: 0, xAbscissa: 1, xOrdinate: 0, scale: 1 };
    expect(() => geoOfMapConversion(m)).toThrow(GeoReferenceError);
    expect(() => geoOfMapConversion(m)).toThrow(/not an EPSG code/);
  });

  it('GS14: a layout without geo takes its building’s; a layout with its own keeps it', async () => {
    fs.mkdirSync(path.join(dir, 'buildings'), { recursive: true });
    fs.writeFileSync(path.join(dir, FILE), await buildPlant(MAP));
    const layout = (geo?: object) => {
      const r = check(SpaceLayout, {
        version: 1,
        title: 'Plant',
        building: FILE,
        hall: { width: 10, depth: 10, height: 5 },
        spawn: { x: 0, z: 6, yaw: 0 },
        twins: [{ twin: 'pump-1', position: [0, 0, 0], ifc: sampleGuid('Pump P-101') }],
        ...(geo ? { geo } : {}),
      });
      if (!r.ok) throw new Error(r.problems);
      return r.value;
    };
    const own = { latitude: 50, longitude: 10, altitude: 0, heading: 0 };
    const layouts = new SpaceLayouts(
      new Map([
        ['mapped', layout()],
        ['placed', layout(own)],
      ]),
      [],
      new Map([['placed', own]]),
    );
    expect(layouts.geoOf('mapped')).toBeNull();
    await loadBuildings(layouts, dir, createLogger('silent')).settled();
    const geo = layouts.geoOf('mapped')!;
    expect(geo.crs?.code).toBe('EPSG:25832');
    expect(geo.altitude).toBe(MAP.height);
    expect(layouts.geoOf('placed')).toEqual(own);
  }, 120_000);
});
