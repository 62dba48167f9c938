/**
 * A trail's past (SPEC GS5): a page opened mid-shift shows where the vehicle went before it came,
 * from the recorded latitude and longitude (`GET /api/twins/:id/history`, 1 s buckets, HS4) through
 * the space's geo frame. Best effort: without history (the store off or slow) the trail starts now.
 */
import { GeoFrame } from '../../shared/geo/frame.js';
import type { GeoReference } from '../../shared/geo/reference.js';
import { check, z } from '../../shared/protocol/validation.js';
import { TRAIL_MS, type Trail } from './trail.js';

const Buckets = z.object({ buckets: z.array(z.object({ t: z.number(), avg: z.optional(z.nullable(z.number())) })) });

async function series(base: string, twin: string, property: string): Promise<Map<number, number>> {
  const from = `now-${Math.round(TRAIL_MS / 1000)}s`;
  const res = await fetch(new URL(`/api/twins/${encodeURIComponent(twin)}/history?property=${property}&from=${from}&step=1s`, base));
  const body = check(Buckets, res.ok ? ((await res.json()) as unknown) : null);
  const out = new Map<number, number>();
  if (body.ok) for (const b of body.value.buckets) if (typeof b.avg === 'number') out.set(b.t, b.avg);
  return out;
}

export async function fillFromHistory(base: string, twin: string, geo: GeoReference, trail: Trail): Promise<void> {
  try {
    const [lat, lon] = await Promise.all([series(base, twin, 'latitude'), series(base, twin, 'longitude')]);
    const frame = new GeoFrame(geo);
    const past: { x: number; z: number; t: number }[] = [];
    for (const [t, latitude] of lat) {
      const longitude = lon.get(t);
      if (longitude === undefined) continue;
      const p = frame.toSpace({ latitude, longitude, altitude: geo.altitude });
      past.push({ x: p.x, z: p.z, t });
    }
    past.sort((a, b) => a.t - b.t);
    trail.prepend(past);
  } catch {
    // No history: the trail starts with what this page sees.
  }
}
