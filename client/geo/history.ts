/**
 * A trail's past (SPEC GS5, GS15): a page opened mid-shift shows where the vehicle went before it
 * came, and a replay where it went before the replayed time, from the recorded latitude and
 * longitude (`GET /api/twins/:id/history`, 1 s buckets, HS4) through the space's geo frame. Best
 * effort: without history (the store off or slow) the path is empty and the trail starts from what
 * this page sees.
 */
import { GeoFrame } from '../../shared/geo/frame.js';
import type { GeoReference } from '../../shared/geo/reference.js';
import { check, z } from '../../shared/protocol/validation.js';
import type { TrailHistory } from './trailFollower.js';
import { TRAIL_MS, type TrailPoint } from './trailPath.js';

const Buckets = z.object({ buckets: z.array(z.object({ t: z.number(), avg: z.optional(z.nullable(z.number())) })) });

async function series(base: string, twin: string, property: string, from: string, to: string): Promise<Map<number, number>> {
  const q = `property=${property}&from=${from}&to=${to}&step=1s`;
  const res = await fetch(new URL(`/api/twins/${encodeURIComponent(twin)}/history?${q}`, base));
  const body = check(Buckets, res.ok ? ((await res.json()) as unknown) : null);
  const out = new Map<number, number>();
  if (body.ok) for (const b of body.value.buckets) if (typeof b.avg === 'number') out.set(b.t, b.avg);
  return out;
}

export function trailHistory(base: string, twin: string, geo: GeoReference): TrailHistory {
  const frame = new GeoFrame(geo);
  const path = async (from: string, to: string): Promise<TrailPoint[]> => {
    try {
      const [lat, lon] = await Promise.all([series(base, twin, 'latitude', from, to), series(base, twin, 'longitude', from, to)]);
      const past: TrailPoint[] = [];
      for (const [t, latitude] of lat) {
        const longitude = lon.get(t);
        if (longitude === undefined) continue;
        const p = frame.toSpace({ latitude, longitude, altitude: geo.altitude });
        past.push({ x: p.x, z: p.z, t });
      }
      return past.sort((a, b) => a.t - b.t);
    } catch {
      return [];
    }
  };
  return {
    // Relative to the server's clock: the page's may be off by seconds.
    recent: () => path(`now-${Math.round(TRAIL_MS / 1000)}s`, 'now'),
    between: (from, to) => path(String(Math.floor(from)), String(Math.ceil(to))),
  };
}
