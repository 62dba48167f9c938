/**
 * A building's IfcMapConversion as the layout's geo reference (SPEC GS14): the IFC file says where its
 * local origin is in a projected coordinate system (easting, northing, height) and how its local x
 * axis turns against the map's east axis. The space's origin is the building's (SPEC BM3), so the
 * origin's place comes from easting/northing through proj4 (GS4), and the heading — the true bearing
 * of the space's −Z, which is IFC's +Y — from a point along +Y: grid north is not true north (UTM's
 * meridian convergence is up to a few degrees), and a site is only right within 1 cm with it applied.
 */
import type { GeoReference } from '../../shared/geo/reference.js';
import { GeoFrame } from '../../shared/geo/frame.js';
import type { MapConversion } from './ifcReader.js';
import { GeoReferenceError, projectedToWgs84, resolveGeoReference } from '../geo/projected.js';

/** How far along IFC's +Y the heading is taken, map metres. */
const STEP_M = 100;

/** The map easting/northing of a point in the building's local frame (IFC: x east-ish, y north-ish), metres. */
export function localToMap(m: MapConversion, x: number, y: number): [number, number] {
  return [m.eastings + m.scale * (x * m.xAbscissa - y * m.xOrdinate), m.northings + m.scale * (x * m.xOrdinate + y * m.xAbscissa)];
}

/** The geo reference a building's map conversion gives; throws GeoReferenceError for a CRS it cannot use. */
export function geoOfMapConversion(m: MapConversion): GeoReference {
  const code = m.crs.trim().toUpperCase();
  if (!/^EPSG:\d{4,5}$/.test(code))
    throw new GeoReferenceError(`the building's IfcProjectedCRS is named "${m.crs.slice(0, 40)}", not an EPSG code like "EPSG:25832"`);
  if (m.height < -500 || m.height > 9000) throw new GeoReferenceError(`the building's OrthogonalHeight ${m.height} m is no place on Earth`);
  const crs = { code, easting: m.eastings, northing: m.northings };
  const origin = resolveGeoReference({ crs, altitude: m.height, heading: 0 });
  const [lon, lat] = projectedToWgs84(crs, ...localToMap(m, 0, STEP_M));
  const along = new GeoFrame(origin).toSpace({ latitude: lat, longitude: lon, altitude: origin.altitude });
  // With heading 0 the frame's +X is east and −Z north: the bearing of the point along IFC's +Y.
  const heading = (Math.atan2(along.x, -along.z) * 180) / Math.PI;
  return { ...origin, heading };
}
