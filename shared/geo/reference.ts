/**
 * A space's place on Earth (SPEC GS1): where its origin is (WGS84 latitude, longitude, altitude) and
 * which way its −Z axis points (heading, degrees clockwise from true north). A layout may instead (or
 * as well) give the origin in a projected coordinate system (`crs`: an EPSG code with the origin's
 * easting and northing); the server resolves it to WGS84 with proj4 when it loads the layout
 * (server/geo/projected.ts), so clients always receive latitude and longitude.
 */
import { z } from '../protocol/validation.js';

const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
const within = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));

/** WGS84 latitude, degrees north (SPEC GS2). */
export const Latitude = within(-90, 90);
/** WGS84 longitude, degrees east (SPEC GS2). */
export const Longitude = within(-180, 180);

/** A projected coordinate system the origin is also (or only) given in. */
export const ProjectedOrigin = z.strictObject({
  /** `EPSG:<n>`: 3857, WGS84 UTM (326xx, 327xx), ETRS89 UTM (258xx), or any other with `definition`. */
  code: z.string().check(z.regex(/^EPSG:\d{4,5}$/, 'an EPSG code like "EPSG:25832"')),
  /** A proj4 definition string for a code the project does not know by heart. */
  definition: z.optional(z.string().check(z.minLength(5), z.maxLength(500))),
  /** The origin's easting, metres in that system. */
  easting: finite,
  /** The origin's northing, metres in that system. */
  northing: finite,
});
export type ProjectedOrigin = z.infer<typeof ProjectedOrigin>;

/** As written in a layout file. */
export const GeoReferenceInput = z
  .strictObject({
    latitude: z.optional(Latitude),
    longitude: z.optional(Longitude),
    /** Metres above the WGS84 ellipsoid of the space's floor at its origin. */
    altitude: z._default(within(-500, 9000), 0),
    /** Bearing of the space's −Z axis (its "forward", SPEC F1), degrees clockwise from true north. */
    heading: z._default(within(-360, 360), 0),
    crs: z.optional(ProjectedOrigin),
  })
  .check(
    z.refine(
      (g) => (g.latitude !== undefined && g.longitude !== undefined) || g.crs !== undefined,
      'give the origin as latitude and longitude, or as crs { code, easting, northing }',
    ),
  );
export type GeoReferenceInput = z.infer<typeof GeoReferenceInput>;

/** Resolved: what the server serves and the geo math takes. */
export interface GeoReference {
  latitude: number;
  longitude: number;
  altitude: number;
  heading: number;
  crs?: ProjectedOrigin;
}

/** A geo reference as `GET /api/spaces/:space` serves it (clients check it before use). */
export const ServedGeoReference = z.object({
  latitude: Latitude,
  longitude: Longitude,
  altitude: finite,
  heading: finite,
});
