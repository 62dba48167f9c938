/**
 * The overview's ground from a tile server (SPEC GS10, GS12), in a real browser: with `MAP_TILE_URL`
 * naming a server on loopback the page asks for the Web Mercator tiles covering the floor (one zoom,
 * at most 64) and draws them into the map; tiles that do not come leave the project's own ground.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';
import { startTileServer, type TileServer } from '../support/tileServer.js';

const MAGENTA: [number, number, number] = [200, 40, 160];
let tiles: TileServer;
let e2e: E2E;

beforeAll(async () => {
  tiles = await startTileServer(MAGENTA);
  e2e = await startE2E({}, { MAP_TILE_URL: tiles.template, MAP_ATTRIBUTION: '© Test tiles' });
});
afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await e2e?.close();
  await tiles?.close();
});

type Tiles = { map: string; tiles: { drawn: number; failed: number } };
const near = (a: number[], b: number[]) => a.every((v, i) => Math.abs(v - b[i]!) <= 3);

describe('map tiles (e2e)', () => {
  it('GS10: the overview draws the tiles MAP_TILE_URL serves, all of one zoom, at most 64, under the sites', async () => {
    tiles.failing = false;
    tiles.asked.length = 0;
    const a = await e2e.join('?space=sites&name=Ada', { width: 800, height: 500 });
    const t = (await (
      await a.page.waitForFunction(
        () => {
          const o = window.twinverse!.features.geo!.overview();
          return o && o.tiles.drawn > 0 ? o : null;
        },
        undefined,
        { timeout: 30_000 },
      )
    ).jsonValue()) as Tiles;
    expect(t.map).toBe('tiles');
    expect(t.tiles.failed).toBe(0);
    // Every tile it asked for came, and it asked for each once, all at one zoom and inside the world.
    await a.page.waitForFunction((n) => window.twinverse!.features.geo!.overview()!.tiles.drawn === n, tiles.asked.length, {
      timeout: 30_000,
    });
    expect(tiles.asked.length).toBeGreaterThan(0);
    expect(tiles.asked.length).toBeLessThanOrEqual(64);
    const z = tiles.asked[0]!.z;
    expect(new Set(tiles.asked.map((q) => `${q.z}/${q.x}/${q.y}`)).size).toBe(tiles.asked.length);
    for (const q of tiles.asked) {
      expect(q.z).toBe(z);
      expect(q.x).toBeGreaterThanOrEqual(0);
      expect(q.y).toBeGreaterThanOrEqual(0);
      expect(q.x).toBeLessThan(2 ** z);
      expect(q.y).toBeLessThan(2 ** z);
    }
    // The tiles' colour lies on the floor's middle (the sites' markers stand above it, not in it).
    const middle = await a.page.evaluate(() => window.twinverse!.features.geo!.mapPixel(0.5, 0.5));
    expect(near(middle!, MAGENTA), `${middle}`).toBe(true);
    if (!(await a.page.evaluate(() => document.getElementById('help')?.hidden === true))) await a.page.keyboard.press('h');
    await e2e.shot(a.page, 'geo-overview-tiles');
  });

  it('GS12: tiles that fail leave the own ground in their squares, and the overview still works', async () => {
    tiles.failing = true;
    tiles.asked.length = 0;
    const a = await e2e.join('?space=sites&name=Bo', { width: 800, height: 500 });
    await a.page.waitForFunction(
      () => {
        const o = window.twinverse!.features.geo!.overview();
        return !!o && o.tiles.failed >= 1 && o.sites.length === 3;
      },
      undefined,
      { timeout: 30_000 },
    );
    await a.page.waitForFunction((n) => window.twinverse!.features.geo!.overview()!.tiles.failed === n, tiles.asked.length, {
      timeout: 30_000,
    });
    const o = (await a.page.evaluate(() => window.twinverse!.features.geo!.overview())) as Tiles;
    expect(o.tiles.drawn).toBe(0);
    expect(o.map).toBe('tiles');
    // The own ground's green (or a graticule line over it) where the tiles would have been: never magenta.
    const middle = await a.page.evaluate(() => window.twinverse!.features.geo!.mapPixel(0.5, 0.5));
    expect(near(middle!, MAGENTA)).toBe(false);
    const corner = await a.page.evaluate(() => window.twinverse!.features.geo!.mapPixel(0.25, 0.25));
    expect(corner![1]).toBeGreaterThan(corner![0]);
    // The page's only errors are the browser's own lines for the refused tiles.
    expect(a.errors.filter((e) => !/404|Failed to load resource/.test(e))).toEqual([]);
  });
});
