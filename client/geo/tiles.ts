/**
 * Slippy-map tile arithmetic (Web Mercator, as OpenStreetMap and most tile servers cut them) for a
 * deployment's `MAP_TILE_URL` (SPEC GS10): which tiles cover a latitude/longitude box at a zoom, and
 * where a tile's corners are.
 */

const RAD = Math.PI / 180;

/** The tile x and y (fractional) of a place at zoom `z`. */
export function tileOf(latitude: number, longitude: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const lat = Math.max(-85.0511, Math.min(85.0511, latitude)) * RAD;
  return { x: ((longitude + 180) / 360) * n, y: ((1 - Math.log(Math.tan(lat) + 1 / Math.cos(lat)) / Math.PI) / 2) * n };
}

/** The north-west corner of tile (x, y) at zoom `z`, degrees. */
export function tileCorner(x: number, y: number, z: number): { latitude: number; longitude: number } {
  const n = 2 ** z;
  return { longitude: (x / n) * 360 - 180, latitude: Math.atan(Math.sinh(Math.PI * (1 - (2 * y) / n))) / RAD };
}

/** The zoom whose tiles are about `metresPerPixel` at `latitude` (256-pixel tiles), 0–19. */
export function zoomFor(metresPerPixel: number, latitude: number): number {
  const z = Math.round(Math.log2((156_543.03 * Math.cos(latitude * RAD)) / metresPerPixel));
  return Math.max(0, Math.min(19, z));
}

/** The tile URL for (x, y, z) from a `{z}/{x}/{y}` template. */
export function tileUrl(template: string, x: number, y: number, z: number): string {
  return template.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}
