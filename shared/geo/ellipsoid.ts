/**
 * WGS84 geodetic ↔ Earth-centred Earth-fixed (ECEF) coordinates, exact to well under a millimetre
 * near the Earth's surface: the forward map is closed form, the inverse iterates the latitude
 * (it converges to double precision in a handful of steps for any height an aircraft flies at).
 * Degrees for angles, metres for lengths.
 */

/** WGS84 semi-major axis, m. */
export const WGS84_A = 6_378_137;
/** WGS84 flattening. */
export const WGS84_F = 1 / 298.257223563;
/** First eccentricity squared. */
export const WGS84_E2 = WGS84_F * (2 - WGS84_F);

const RAD = Math.PI / 180;

export interface Geodetic {
  /** Degrees north, −90…90. */
  latitude: number;
  /** Degrees east, −180…180. */
  longitude: number;
  /** Metres above the WGS84 ellipsoid. */
  altitude: number;
}

export type Vec3 = [number, number, number];

/** Radius of curvature in the prime vertical at a latitude (radians), m. */
function primeVertical(sinLat: number): number {
  return WGS84_A / Math.sqrt(1 - WGS84_E2 * sinLat * sinLat);
}

export function geodeticToEcef(g: Geodetic): Vec3 {
  const lat = g.latitude * RAD;
  const lon = g.longitude * RAD;
  const s = Math.sin(lat);
  const c = Math.cos(lat);
  const n = primeVertical(s);
  return [(n + g.altitude) * c * Math.cos(lon), (n + g.altitude) * c * Math.sin(lon), (n * (1 - WGS84_E2) + g.altitude) * s];
}

export function ecefToGeodetic([x, y, z]: Vec3): Geodetic {
  const p = Math.hypot(x, y);
  const lon = Math.atan2(y, x);
  // Start from the latitude on a sphere-ish guess, then refine: each step divides the error by ~e²·10³.
  let lat = Math.atan2(z, p * (1 - WGS84_E2));
  let h = 0;
  for (let i = 0; i < 8; i++) {
    const s = Math.sin(lat);
    const n = primeVertical(s);
    const c = Math.cos(lat);
    // The form that keeps its precision everywhere (p / cos(lat) − n loses it near the poles).
    h = p * c + z * s - WGS84_A * Math.sqrt(1 - WGS84_E2 * s * s);
    const next = Math.atan2(z, p * (1 - (WGS84_E2 * n) / (n + h)));
    if (Math.abs(next - lat) < 1e-15) {
      lat = next;
      break;
    }
    lat = next;
  }
  return { latitude: lat / RAD, longitude: lon / RAD, altitude: h };
}
