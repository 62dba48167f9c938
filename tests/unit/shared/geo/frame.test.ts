/**
 * Space ↔ WGS84 through the local tangent plane (SPEC GS3) and the projected path through proj4
 * (GS4): round trips within a centimetre at the site and kilometres from it.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GeoFrame } from '../../../../shared/geo/frame.js';
import { ecefToGeodetic, geodeticToEcef, WGS84_A } from '../../../../shared/geo/ellipsoid.js';
import { GeoReferenceError, projectedToWgs84, resolveGeoReference, wgs84ToProjected } from '../../../../server/geo/projected.js';
import { GeoReferenceInput } from '../../../../shared/geo/reference.js';
import { check } from '../../../../shared/protocol/validation.js';
import { sitePosition } from '../../../../shared/geo/overview.js';

const site = { latitude: 53.1255, longitude: 8.7355, altitude: 48, heading: 28 };
const frame = new GeoFrame(site);

/** Great-circle distance on a sphere of the equatorial radius, m (an independent rough check). */
function haversine(a: { latitude: number; longitude: number }, b: { latitude: number; longitude: number }): number {
  const r = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * r;
  const dLon = (b.longitude - a.longitude) * r;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * r) * Math.cos(b.latitude * r) * Math.sin(dLon / 2) ** 2;
  return 2 * WGS84_A * Math.asin(Math.sqrt(h));
}

function distance3(a: { x: number; y: number; z: number }, b: { x: number; y: number; z: number }): number {
  return Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
}

describe('geo frame (SPEC GS3)', () => {
  it('GS3: the origin is the geo reference, and ECEF ↔ geodetic round-trips below a millimetre', () => {
    const o = frame.toGeodetic({ x: 0, y: 0, z: 0 });
    expect(o.latitude).toBeCloseTo(site.latitude, 10);
    expect(o.longitude).toBeCloseTo(site.longitude, 10);
    expect(o.altitude).toBeCloseTo(site.altitude, 4);
    for (const g of [site, { latitude: -89.9999, longitude: -179, altitude: 9000 }, { latitude: 0, longitude: 0, altitude: -400 }]) {
      const back = ecefToGeodetic(geodeticToEcef(g));
      const d = Math.hypot(...geodeticToEcef(back).map((v, i) => v - geodeticToEcef(g)[i]!));
      expect(d).toBeLessThan(1e-3);
    }
  });

  it('GS3: space → geodetic → space within 1 cm on the site floor and up to 5 km away', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -50, max: 200, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        (x, y, z) => {
          const p = { x, y, z };
          expect(distance3(frame.toSpace(frame.toGeodetic(p)), p)).toBeLessThan(0.01);
        },
      ),
      { numRuns: 500 },
    );
    for (const p of [
      { x: 12.5, y: 0, z: -8 },
      { x: -3000, y: 1.5, z: 4000 },
    ])
      expect(distance3(frame.toSpace(frame.toGeodetic(p)), p)).toBeLessThan(0.01);
  });

  it('GS3: geodetic → space → geodetic within 1 cm for places within a few km', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.03, max: 0.03, noNaN: true }), fc.double({ min: -0.05, max: 0.05, noNaN: true }), (dLat, dLon) => {
        const g = { latitude: site.latitude + dLat, longitude: site.longitude + dLon, altitude: 40 };
        const back = frame.toGeodetic(frame.toSpace(g));
        expect(distance3(frame.toSpace(back), frame.toSpace(g))).toBeLessThan(0.01);
        expect(haversine(back, g)).toBeLessThan(0.01);
        expect(Math.abs(back.altitude - g.altitude)).toBeLessThan(0.01);
      }),
      { numRuns: 300 },
    );
  });

  it('GS3: metres in the space are metres on the ground, and the heading turns −Z to its bearing', () => {
    const far = frame.toGeodetic({ x: 0, y: 0, z: -1000 });
    // Haversine on a sphere is good to about 0.5 %: an independent check of scale, not of precision.
    expect(haversine(site, far)).toBeGreaterThan(995);
    expect(haversine(site, far)).toBeLessThan(1005);
    const north = new GeoFrame({ ...site, heading: 0 });
    const ahead = north.toGeodetic({ x: 0, y: 0, z: -100 });
    expect(ahead.latitude).toBeGreaterThan(site.latitude);
    expect(ahead.longitude).toBeCloseTo(site.longitude, 9);
    const east = new GeoFrame({ ...site, heading: 90 });
    const aheadEast = east.toGeodetic({ x: 0, y: 0, z: -100 });
    expect(aheadEast.longitude).toBeGreaterThan(site.longitude);
    expect(aheadEast.latitude).toBeCloseTo(site.latitude, 6);
    // The tangent plane leaves the ground: 5 km away, the floor's plane is about 2 m up.
    expect(frame.toGeodetic({ x: 5000, y: 0, z: 0 }).altitude - site.altitude).toBeGreaterThan(1.9);
  });

  it('GS3: bearings and yaws: facing the heading is yaw 0, facing 90° to its right is −π/2', () => {
    expect(frame.yawOfBearing(site.heading)).toBeCloseTo(0, 12);
    expect(frame.yawOfBearing(site.heading + 90)).toBeCloseTo(-Math.PI / 2, 12);
    expect(frame.bearingOfYaw(frame.yawOfBearing(200))).toBeCloseTo(200, 9);
  });
});

describe('projected origins (SPEC GS4)', () => {
  const utm = { code: 'EPSG:25832', easting: 340377.912, northing: 5696305.781 };

  it('GS4: UTM ↔ latitude/longitude through proj4 round-trips within 1 cm, and space ↔ UTM too', () => {
    const [lon, lat] = projectedToWgs84(utm, utm.easting, utm.northing);
    expect(lat).toBeCloseTo(51.3955, 6);
    expect(lon).toBeCloseTo(6.7055, 6);
    const [e, n] = wgs84ToProjected(utm, lon, lat);
    expect(Math.hypot(e - utm.easting, n - utm.northing)).toBeLessThan(0.01);
    const ref = resolveGeoReference({ altitude: 75, heading: 0, crs: utm });
    const f = new GeoFrame(ref);
    for (const p of [
      { x: 0, y: 0, z: 0 },
      { x: 250, y: 0, z: -400 },
      { x: -2000, y: 0, z: 1500 },
    ]) {
      const g = f.toGeodetic(p);
      const [pe, pn] = wgs84ToProjected(utm, g.longitude, g.latitude);
      const [bl, bt] = projectedToWgs84(utm, pe, pn);
      expect(distance3(f.toSpace({ latitude: bt, longitude: bl, altitude: g.altitude }), p)).toBeLessThan(0.01);
    }
    // UTM grid metres are close to ground metres (scale 0.9996 at the central meridian, more away from it).
    const east = f.toGeodetic({ x: 1000, y: 0, z: 0 });
    const [ee] = wgs84ToProjected(utm, east.longitude, east.latitude);
    expect(Math.abs(ee - utm.easting - 1000)).toBeLessThan(2);
  });

  it('GS4: a layout giving both must name one origin; an unknown code needs its definition (named errors)', () => {
    expect(() => resolveGeoReference({ latitude: 51.3955, longitude: 6.7055, altitude: 0, heading: 0, crs: utm })).not.toThrow();
    expect(() => resolveGeoReference({ latitude: 51.4, longitude: 6.7055, altitude: 0, heading: 0, crs: utm })).toThrow(
      /m apart: they must name the same origin/,
    );
    expect(() => resolveGeoReference({ altitude: 0, heading: 0, crs: { code: 'EPSG:31467', easting: 1, northing: 2 } })).toThrow(
      GeoReferenceError,
    );
    const gk = resolveGeoReference({
      altitude: 0,
      heading: 0,
      crs: {
        code: 'EPSG:31467',
        definition:
          '+proj=tmerc +lat_0=0 +lon_0=9 +k=1 +x_0=3500000 +y_0=0 +ellps=bessel +towgs84=598.1,73.7,418.2,0.202,0.045,-2.455,6.7 +units=m +no_defs',
        easting: 3487000,
        northing: 5890000,
      },
    });
    expect(gk.latitude).toBeGreaterThan(53);
    expect(gk.longitude).toBeGreaterThan(8.7);
  });

  it('GS1 GS2: the layout member is validated: latitude and longitude in range, an origin given one way or the other', () => {
    expect(check(GeoReferenceInput, { latitude: 53, longitude: 8 }).ok).toBe(true);
    expect(check(GeoReferenceInput, { latitude: 91, longitude: 8 })).toMatchObject({
      ok: false,
      problems: expect.stringMatching(/latitude/),
    });
    expect(check(GeoReferenceInput, { latitude: 53, longitude: 181 })).toMatchObject({
      ok: false,
      problems: expect.stringMatching(/longitude/),
    });
    expect(check(GeoReferenceInput, { heading: 10 })).toMatchObject({ ok: false, problems: expect.stringMatching(/give the origin/) });
    expect(check(GeoReferenceInput, { crs: { code: 'EPSG:25832', easting: 1, northing: 2 } }).ok).toBe(true);
  });
});

describe('the overview map (SPEC GS8)', () => {
  it('GS8: sites stand at their places shrunk by the scale: north is −Z with heading 0, east +X', () => {
    const centre = new GeoFrame({ latitude: 51.2, longitude: 9.5, altitude: 0, heading: 0 });
    const bremen = sitePosition(centre, 20000, 53.1255, 8.7355);
    const ingolstadt = sitePosition(centre, 20000, 48.7775, 11.419);
    // Bremen is about 215 km north and 53 km west of the centre; Ingolstadt 270 km south, 140 km east.
    expect(bremen.z).toBeLessThan(-10);
    expect(bremen.x).toBeLessThan(-2);
    expect(ingolstadt.z).toBeGreaterThan(13);
    expect(ingolstadt.x).toBeGreaterThan(6.5);
    const km = (p: { x: number; z: number }) => (Math.hypot(p.x, p.z) * 20000) / 1000;
    expect(km(bremen)).toBeGreaterThan(215);
    expect(km(bremen)).toBeLessThan(230);
  });
});
