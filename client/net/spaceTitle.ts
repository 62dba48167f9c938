/**
 * A space's title before joining (SPEC SP1): `GET /api/spaces/:space`, so the join and loading screens
 * name the space as its HUD will ("Factory floor", not "factory"). Any failure — an old server, a
 * refused name, no answer — falls back to the space's id: the screens never wait on it for long.
 */

/** How long the join screen waits for the title before naming the space by its id. */
const TITLE_WAIT_MS = 3000;

export async function fetchSpaceTitle(endpoint: string, space: string): Promise<string> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TITLE_WAIT_MS);
  try {
    // The endpoint may be the WebSocket address (VITE_SERVER_URL): the HTTP API is on the same host.
    const base = endpoint.replace(/^ws(s?):/, 'http$1:');
    const res = await fetch(new URL(`/api/spaces/${encodeURIComponent(space)}`, base), { signal: abort.signal });
    if (!res.ok) return space;
    const body = (await res.json()) as unknown;
    const title = (body as { title?: unknown } | null)?.title;
    return typeof title === 'string' && title.trim() !== '' ? title : space;
  } catch {
    return space;
  } finally {
    clearTimeout(timer);
  }
}
