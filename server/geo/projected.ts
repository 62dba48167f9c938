/**
 * The projected side of a geo reference (SPEC GS4): a layout may give its origin as easting/northing
 * in a projected coordinate system (UTM, Gauss–Krüger, Web Mercator …), as surveyors and GIS tools
 * hand them out. proj4 does the projection maths (transverse Mercator series and datum shifts are not
 * ours to write again). Only the server imports this file: clients get latitude and longitude, and
 * the browser bundle stays without proj4.
 */
import proj4 from 'proj4';
import type { GeoReference, GeoReferenceInput, ProjectedOrigin } from '../../shared/geo/reference.js';

/** How far a layout's latitude/longitude may be from its projected origin when it gives both, m. */
export const ORIGIN_AGREEMENT_M = 1;

export class GeoReferenceError extends Error {
  override readonly name = 'GeoReferenceError';
}

/**
 * The proj4 definition of an EPSG code: the ones proj4 carries (4326, 3857 …), WGS84 UTM zones
 * (EPSG:326NN north, 327NN south) and ETRS89 UTM zones (EPSG:258NN, 28–38, Europe's survey grids),
 * else the layout's own `definition`.
 */
export function definitionOf(crs: Pick<ProjectedOrigin, 'code' | 'definition'>): string {
  if (crs.definition) return crs.definition;
  const n = Number(crs.code.slice(5));
  if (n >= 32601 && n <= 32660) return `+proj=utm +zone=${n - 32600} +datum=WGS84 +units=m +no_defs`;
  if (n >= 32701 && n <= 32760) return `+proj=utm +zone=${n - 32700} +south +datum=WGS84 +units=m +no_defs`;
  // ETRS89 is tied to the Eurasian plate; it differs from WGS84 by well under a metre, which GRS80 with no shift keeps.
  if (n >= 25828 && n <= 25838) return `+proj=utm +zone=${n - 25800} +ellps=GRS80 +towgs84=0,0,0,0,0,0,0 +units=m +no_defs`;
  if (proj4.defs(crs.code)) return crs.code;
  throw new GeoReferenceError(`unknown coordinate system ${crs.code}: add its proj4 "definition"`);
}

function converter(crs: ProjectedOrigin): proj4.Converter {
  try {
    return proj4(definitionOf(crs), 'EPSG:4326');
  } catch (err) {
    if (err instanceof GeoReferenceError) throw err;
    throw new GeoReferenceError(`${crs.code}: proj4 cannot read its definition (${(err as Error).message})`);
  }
}

/** Easting/northing in `crs` → WGS84 [longitude, latitude], degrees. */
export function projectedToWgs84(crs: ProjectedOrigin, easting: number, northing: number): [number, number] {
  const [lon, lat] = converter(crs).forward([easting, northing]);
  if (lon === undefined || lat === undefined || !Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lat) > 90)
    throw new GeoReferenceError(`${crs.code}: ${easting} E, ${northing} N is not a place on Earth`);
  return [lon, lat];
}

/** WGS84 (degrees) → [easting, northing] in `crs`, metres. */
export function wgs84ToProjected(crs: ProjectedOrigin, longitude: number, latitude: number): [number, number] {
  const [e, n] = converter(crs).inverse([longitude, latitude]);
  if (e === undefined || n === undefined) throw new GeoReferenceError(`${crs.code}: no easting/northing for ${latitude}, ${longitude}`);
  return [e, n];
}

/**
 * A layout's geo reference as served: latitude and longitude from the projected origin when the
 * layout gives only that; when it gives both, they must name the same place (within 1 m).
 */
export function resolveGeoReference(input: GeoReferenceInput): GeoReference {
  const { altitude, heading, crs } = input;
  if (!crs) {
    if (input.latitude === undefined || input.longitude === undefined) throw new GeoReferenceError('no origin');
    return { latitude: input.latitude, longitude: input.longitude, altitude, heading };
  }
  const [lon, lat] = projectedToWgs84(crs, crs.easting, crs.northing);
  if (input.latitude !== undefined && input.longitude !== undefined) {
    const [e, n] = wgs84ToProjected(crs, input.longitude, input.latitude);
    const off = Math.hypot(e - crs.easting, n - crs.northing);
    if (off > ORIGIN_AGREEMENT_M)
      throw new GeoReferenceError(
        `latitude/longitude and ${crs.code} easting/northing are ${off.toFixed(1)} m apart: they must name the same origin`,
      );
    return { latitude: input.latitude, longitude: input.longitude, altitude, heading, crs };
  }
  return { latitude: lat, longitude: lon, altitude, heading, crs };
}
