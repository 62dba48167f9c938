/**
 * Where the overview's ground map comes from (README "Configuration", SPEC GS10): without a tile URL
 * the client draws the project's own ground (no network, so tests and `npm start` work offline); a
 * deployment names a slippy-map tile server (`{z}/{x}/{y}` in Web Mercator, as OpenStreetMap's) and
 * the attribution its licence asks for.
 */
import { z } from 'zod/mini';

export const mapEnv = {
  /** e.g. `https://tile.openstreetmap.org/{z}/{x}/{y}.png`; unset: the project's own ground. */
  MAP_TILE_URL: z.optional(
    z.string().check(
      z.regex(/^https?:\/\/[^\s]+$/, 'MAP_TILE_URL is an http(s) URL'),
      z.refine((s) => s.includes('{z}') && s.includes('{x}') && s.includes('{y}'), 'MAP_TILE_URL must contain {z}, {x} and {y}'),
    ),
  ),
  /** Shown on the map, e.g. `© OpenStreetMap contributors`. */
  MAP_ATTRIBUTION: z._default(z.string().check(z.maxLength(200)), ''),
};

export interface MapConfig {
  map: { tileUrl: string | null; attribution: string };
}

const _MapEnvObject = z.object(mapEnv);
type MapEnv = z.infer<typeof _MapEnvObject>;

export function mapConfig(e: MapEnv): MapConfig {
  return { map: { tileUrl: e.MAP_TILE_URL ?? null, attribution: e.MAP_ATTRIBUTION } };
}
