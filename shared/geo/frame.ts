/**
 * Space positions ↔ WGS84 through the local tangent plane at the space's origin (SPEC GS3): a space
 * position (protocol frame, F1: metres, +Y up) turns by the heading into east-north-up (ENU), ENU
 * into ECEF with the rotation of the origin's tangent plane, and ECEF into geodetic coordinates on
 * the ellipsoid. Exact, not a flat-earth shortcut: a point 5 km away keeps its height above the
 * ellipsoid (the tangent plane is 2 m above the ground there, and flat-earth scaling of degrees
 * drifts by metres).
 *
 * Heading h is the bearing of −Z: with h = 0, +X points east and −Z north. In general
 *   E = x·cos h − z·sin h,  N = −x·sin h − z·cos h,  U = y.
 */
import { ecefToGeodetic, geodeticToEcef, type Geodetic, type Vec3 } from './ellipsoid.js';
import type { GeoReference } from './reference.js';

const RAD = Math.PI / 180;

/** A position in the protocol frame, metres. */
export interface SpacePoint {
  x: number;
  y: number;
  z: number;
}

export class GeoFrame {
  private readonly origin: Vec3;
  /** Rows of the ENU → ECEF rotation: east, north, up unit vectors in ECEF. */
  private readonly east: Vec3;
  private readonly north: Vec3;
  private readonly up: Vec3;
  private readonly cosH: number;
  private readonly sinH: number;

  constructor(readonly ref: GeoReference) {
    this.origin = geodeticToEcef(ref);
    const lat = ref.latitude * RAD;
    const lon = ref.longitude * RAD;
    const [sLat, cLat, sLon, cLon] = [Math.sin(lat), Math.cos(lat), Math.sin(lon), Math.cos(lon)];
    this.east = [-sLon, cLon, 0];
    this.north = [-sLat * cLon, -sLat * sLon, cLat];
    this.up = [cLat * cLon, cLat * sLon, sLat];
    this.cosH = Math.cos(ref.heading * RAD);
    this.sinH = Math.sin(ref.heading * RAD);
  }

  /** Where a space position is on Earth. */
  toGeodetic(p: SpacePoint): Geodetic {
    const e = p.x * this.cosH - p.z * this.sinH;
    const n = -p.x * this.sinH - p.z * this.cosH;
    const u = p.y;
    const o = this.origin;
    return ecefToGeodetic([
      o[0] + e * this.east[0] + n * this.north[0] + u * this.up[0],
      o[1] + e * this.east[1] + n * this.north[1] + u * this.up[1],
      o[2] + e * this.east[2] + n * this.north[2] + u * this.up[2],
    ]);
  }

  /** Where a place on Earth is in the space (y: height above the tangent plane at the origin). */
  toSpace(g: Geodetic): SpacePoint {
    const [x, y, z] = geodeticToEcef(g);
    const d: Vec3 = [x - this.origin[0], y - this.origin[1], z - this.origin[2]];
    const e = dot(d, this.east);
    const n = dot(d, this.north);
    const u = dot(d, this.up);
    return { x: e * this.cosH - n * this.sinH, y: u, z: -e * this.sinH - n * this.cosH };
  }

  /**
   * The yaw (radians about +Y, F2: counter-clockwise, 0 faces −Z) of something facing a compass
   * bearing (degrees clockwise from true north) at the origin. Meridians converge away from it, by
   * about sin(latitude)·Δlongitude: a few hundredths of a degree across a site, below what shows.
   */
  yawOfBearing(bearingDeg: number): number {
    return wrapPi((this.ref.heading - bearingDeg) * RAD);
  }

  /** The compass bearing (degrees, 0…360) something with this yaw faces. */
  bearingOfYaw(yaw: number): number {
    const b = this.ref.heading - yaw / RAD;
    return ((b % 360) + 360) % 360;
  }
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function wrapPi(a: number): number {
  const t = (a + Math.PI) % (2 * Math.PI);
  return (t < 0 ? t + 2 * Math.PI : t) - Math.PI;
}
