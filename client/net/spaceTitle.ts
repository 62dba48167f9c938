/**
 * A space's title before joining (SPEC SP1): `GET /api/spaces/:space`, so the join and loading screens
 * name the space as its HUD will ("Factory floor", not "factory"), with where it is on Earth and, for
 * an overview, its map (SPEC GS1, GS10). Any failure — an old server, a refused name, no answer —
 * falls back to the space's id and no place: the screens never wait on it for long.
 */
import { ServedGeoReference, type GeoReference } from '../../shared/geo/reference.js';
import { ServedOverview } from '../../shared/geo/overview.js';
import { check } from '../../shared/protocol/validation.js';

/** How long the join screen waits for the title before naming the space by its id. */
const TITLE_WAIT_MS = 3000;

export interface SpacePlace {
  title: string;
  /** Where the space is on Earth; null when its layout does not say (or the answer did not). */
  geo: GeoReference | null;
  /** The overview's map, when the space is one. */
  overview: ServedOverview | null;
}

/** The HTTP base of the server (the endpoint may be the WebSocket address, VITE_SERVER_URL). */
export function httpBase(endpoint: string): string {
  return endpoint.replace(/^ws(s?):/, 'http$1:');
}

export async function fetchSpacePlace(endpoint: string, space: string): Promise<SpacePlace> {
  const fallback: SpacePlace = { title: space, geo: null, overview: null };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TITLE_WAIT_MS);
  try {
    const res = await fetch(new URL(`/api/spaces/${encodeURIComponent(space)}`, httpBase(endpoint)), { signal: abort.signal });
    if (!res.ok) return fallback;
    const body = ((await res.json()) as Record<string, unknown> | null) ?? {};
    const title = body.title;
    const geo = check(ServedGeoReference, body.geo);
    const overview = check(ServedOverview, body.overview);
    return {
      title: typeof title === 'string' && title.trim() !== '' ? title : space,
      geo: geo.ok ? geo.value : null,
      overview: overview.ok ? overview.value : null,
    };
  } catch {
    return fallback;
  } finally {
    clearTimeout(timer);
  }
}
