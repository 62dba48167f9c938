/**
 * An overview space (SPEC GS8): its floor is a map, and the sites it lists stand on it at their real
 * places. The overview's own geo reference is the map's centre and which way is north; each site is
 * placed by its layout's geo reference through the overview's tangent plane (shared/geo/frame.ts),
 * shrunk by `scale`.
 */
import { SpaceName } from '../protocol/values.js';
import { z } from '../protocol/validation.js';
import type { GeoFrame } from './frame.js';

export const OverviewMap = z.strictObject({
  /** Metres on the ground one metre of the floor stands for (20 000: the 32 m floor spans 640 km). */
  scale: z.number().check(z.gte(1), z.lte(1_000_000)),
  /** The spaces shown, by name; a site without a geo reference is listed but not placed. */
  sites: z.array(SpaceName).check(z.minLength(1), z.maxLength(32)),
});
export type OverviewMap = z.infer<typeof OverviewMap>;

/** A site as the overview API serves it (`GET /api/overview/:space`, SPEC GS9). */
export interface OverviewSite {
  space: string;
  title: string;
  /** Null when the site's layout has no geo reference. */
  latitude: number | null;
  longitude: number | null;
  /** `alarm` while any machine there has an active alarm, `stale` while none of them has live data, else `ok`. */
  state: 'ok' | 'stale' | 'alarm';
  /** Active alarms there, and the worst one's severity (`""` without any). */
  alarms: number;
  severity: '' | 'info' | 'warning' | 'critical';
}

/** Where a site stands on the overview's floor (metres, protocol frame, y = 0). */
export function sitePosition(frame: GeoFrame, scale: number, latitude: number, longitude: number): { x: number; z: number } {
  const p = frame.toSpace({ latitude, longitude, altitude: frame.ref.altitude });
  return { x: p.x / scale, z: p.z / scale };
}

/** An overview's map as `GET /api/spaces/:space` serves it (SPEC GS10). */
export const ServedOverview = z.object({
  scale: z.number().check(z.gte(1), z.lte(1_000_000)),
  sites: z.array(SpaceName),
  tileUrl: z.nullable(z.string()),
  attribution: z.string(),
});
export type ServedOverview = z.infer<typeof ServedOverview>;

/** `GET /api/spaces/:space/sites` (SPEC GS9). */
export const ServedSites = z.object({
  sites: z.array(
    z.object({
      space: SpaceName,
      title: z.string(),
      latitude: z.nullable(z.number()),
      longitude: z.nullable(z.number()),
      state: z.enum(['ok', 'stale', 'alarm']),
      alarms: z.number(),
      severity: z.enum(['', 'info', 'warning', 'critical']),
    }),
  ),
});
