/**
 * Automated guided vehicle (SPEC GS7): drives a rectangular loop around the hall's aisle at a steady
 * speed, slowing into its corners, and reports where it is the way a real one's positioning system
 * does — WGS84 latitude, longitude and compass heading, a few times a second — plus its speed and
 * battery. The loop is given in the site's own metres (protocol frame, `loop*` params) and turned into
 * degrees through the site's geo reference (`siteLatitude`, `siteLongitude`, `siteHeading`), which the
 * vehicle knows as its map does: the server learns nothing from the simulator that a device would not
 * send.
 */
import { GeoFrame } from '../../../shared/geo/frame.js';
import { Faults } from './faults.js';
import { param, type ModelFactory } from './model.js';

/** Reports per second (real vehicles report at 1–10 Hz; the simulator steps at 10). */
const REPORT_HZ = 4;

export const agv: ModelFactory = {
  actions: new Set(['start', 'stop']),
  faults: [],
  create(params) {
    const faults = new Faults([]);
    const frame = new GeoFrame({
      latitude: param(params, 'siteLatitude', 0),
      longitude: param(params, 'siteLongitude', 0),
      altitude: 0,
      heading: param(params, 'siteHeading', 0),
    });
    const [x0, x1] = [param(params, 'loopMinX', -10), param(params, 'loopMaxX', 10)];
    const [z0, z1] = [param(params, 'loopMinZ', -6), param(params, 'loopMaxZ', 3)];
    const cruise = param(params, 'speed', 1.2);
    // Corners of the loop, counter-clockwise seen from above: along −Z first on the +X side.
    const corners: [number, number][] = [
      [x1, z1],
      [x1, z0],
      [x0, z0],
      [x0, z1],
    ];
    const lengths = corners.map((c, i) => {
      const n = corners[(i + 1) % 4]!;
      return Math.hypot(n[0] - c[0], n[1] - c[1]);
    });
    const loop = lengths.reduce((a, b) => a + b, 0);
    let s = param(params, 'startAt', 0) % loop;
    let running = param(params, 'startRunning', 1) > 0;
    let speed = 0;
    let battery = param(params, 'battery', 86);
    let sinceReport = 1 / REPORT_HZ;
    let report: Record<string, number | boolean> = {};

    /** Where along the loop, and which way it faces there (yaw, F2). */
    const at = (dist: number) => {
      let d = dist;
      for (let i = 0; i < 4; i++) {
        const len = lengths[i]!;
        if (d <= len || i === 3) {
          const [ax, az] = corners[i]!;
          const [bx, bz] = corners[(i + 1) % 4]!;
          const t = len > 0 ? Math.min(1, d / len) : 0;
          return { x: ax + (bx - ax) * t, z: az + (bz - az) * t, yaw: Math.atan2(-(bx - ax), -(bz - az)), toCorner: len - d };
        }
        d -= len;
      }
      throw new Error('unreachable');
    };

    return {
      faults,
      step(dt) {
        const here = at(s);
        // Slow to a walking pace within 1.5 m of a corner: vehicles among people do.
        const target = running ? (here.toCorner < 1.5 ? Math.min(cruise, 0.5) : cruise) : 0;
        speed += Math.max(-0.8 * dt, Math.min(0.8 * dt, target - speed));
        s = (s + speed * dt) % loop;
        battery -= (0.002 + 0.01 * speed) * dt;
        // A fresh battery swapped in at the dock (the simulator does not drive there).
        if (battery < 25) battery = 95;
        sinceReport += dt;
        if (sinceReport + 1e-9 < 1 / REPORT_HZ) {
          report = {};
          return;
        }
        sinceReport = 0;
        const p = at(s);
        const g = frame.toGeodetic({ x: p.x, y: 0, z: p.z });
        report = {
          latitude: g.latitude,
          longitude: g.longitude,
          heading: frame.bearingOfYaw(p.yaw),
          speed,
          battery,
          running,
        };
      },
      /** Empty between reports: the simulator publishes nothing then. */
      readings: () => report,
      invoke(action) {
        if (action === 'start') running = true;
        else if (action === 'stop') running = false;
        else return { ok: false, reason: `unknown action ${action}` };
        return { ok: true };
      },
    };
  },
};
