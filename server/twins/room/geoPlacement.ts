/**
 * Where a twin that reports its position stands in one space (SPEC GS5): its latitude and longitude
 * through the space's geo frame (shared/geo/frame.ts) to a floor position, its heading to a yaw. The
 * conversion is the server's, once per accepted reading and space, so every client of a space sees
 * the machine at the same place and needs no geodesy of its own. A reading that would put it out of
 * the hall's reach keeps it where it was (the value is still recorded: it is true, only not here).
 */
import { GeoFrame } from '../../../shared/geo/frame.js';
import { HEADING, LATITUDE, LONGITUDE, reportsPosition } from '../../../shared/geo/position.js';
import type { GeoReference } from '../../../shared/geo/reference.js';
import type { TwinState } from '../../../shared/state/twin.js';
import { eulerDegToQuat } from '../../../shared/twin/math.js';
import type { LiveProperty, LiveTwin } from '../live.js';

/** How far from the space's origin a reported position is still shown in it, metres (a site, not a country). */
export const GEO_REACH_M = 2000;

export class GeoPlacement {
  private seen = -1;

  private constructor(
    private readonly frame: GeoFrame,
    private readonly lat: LiveProperty,
    private readonly lon: LiveProperty,
    private readonly heading: LiveProperty | undefined,
    /** The layout's height for the machine (reports are 2-D: the floor it drives on). */
    private readonly y: number,
  ) {}

  /** A placement for `live` in a space at `geo`; null when either does not say where. */
  static of(live: LiveTwin, geo: GeoReference | null | undefined, y: number): GeoPlacement | null {
    if (!geo || !reportsPosition(live.properties)) return null;
    const lat = live.properties.get(LATITUDE)!;
    const lon = live.properties.get(LONGITUDE)!;
    return new GeoPlacement(new GeoFrame(geo), lat, lon, live.properties.get(HEADING), y);
  }

  /** Moves the state to the latest reported position, when it changed; true when it moved. */
  apply(state: TwinState): boolean {
    const version = this.lat.version + this.lon.version + (this.heading?.version ?? 0);
    if (version === this.seen) return false;
    this.seen = version;
    return this.place(state, this.lat.num, this.lon.num, this.heading?.num);
  }

  /** Forgets the position last applied: the next `apply` places it from the live readings again
   * (back to live after a replay moved it). */
  forget(): void {
    this.seen = -1;
  }

  /** Moves the state to a position (the live one, or a recorded one in a replay); true when it moved.
   * A position out of the space's reach, or not a number, keeps it where it was. */
  place(state: TwinState, latitude: number, longitude: number, heading: number | undefined): boolean {
    if (!Number.isFinite(latitude) || !Number.isFinite(longitude)) return false;
    const p = this.frame.toSpace({ latitude, longitude, altitude: this.frame.ref.altitude });
    if (Math.hypot(p.x, p.z) > GEO_REACH_M) return false;
    if (state.px !== p.x) state.px = p.x;
    if (state.pz !== p.z) state.pz = p.z;
    if (state.py !== this.y) state.py = this.y;
    if (this.heading && heading !== undefined && Number.isFinite(heading)) {
      const q = eulerDegToQuat(0, (this.frame.yawOfBearing(heading) * 180) / Math.PI, 0);
      if (state.qx !== q.x) state.qx = q.x;
      if (state.qy !== q.y) state.qy = q.y;
      if (state.qz !== q.z) state.qz = q.z;
      if (state.qw !== q.w) state.qw = q.w;
    }
    return true;
  }
}
