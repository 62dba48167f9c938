/**
 * The overview's pieces without a browser (SPEC GS10, GS11): slippy-map tile arithmetic for a
 * deployment's tile server, and the link into a site.
 */
import { describe, expect, it } from 'vitest';
import { tileCorner, tileOf, tileUrl, zoomFor } from '../../../../client/geo/tiles.js';
import { siteLink } from '../../../../client/geo/overview.js';

describe('map tiles (SPEC GS10)', () => {
  it('GS10: a place and its tile agree both ways, and the zoom follows the metres per pixel', () => {
    // Bremen at zoom 8 is in tile 134/83 (x = (lon + 180)/360 · 2^z; y by the Mercator formula).
    const t = tileOf(53.1255, 8.7355, 8);
    expect([Math.floor(t.x), Math.floor(t.y)]).toEqual([134, 83]);
    const nw = tileCorner(Math.floor(t.x), Math.floor(t.y), 8);
    const se = tileCorner(Math.floor(t.x) + 1, Math.floor(t.y) + 1, 8);
    expect(nw.latitude).toBeGreaterThan(53.1255);
    expect(se.latitude).toBeLessThan(53.1255);
    expect(nw.longitude).toBeLessThan(8.7355);
    expect(se.longitude).toBeGreaterThan(8.7355);
    const back = tileOf(nw.latitude, nw.longitude, 8);
    expect(back.x).toBeCloseTo(134, 9);
    expect(back.y).toBeCloseTo(83, 9);
    expect(zoomFor(350, 51)).toBe(8);
    expect(zoomFor(0.01, 0)).toBe(19);
    expect(tileUrl('https://t.example/{z}/{x}/{y}.png', 134, 82, 8)).toBe('https://t.example/8/134/82.png');
  });
});

describe('entering a site (SPEC GS11)', () => {
  it('GS11: the link into a site keeps the page and its other parameters, with the site, the name and the look', () => {
    const url = siteLink('https://tv.example/?space=sites&name=Old&xr=1', 'factory', { name: 'Ada', color: '#00a0e0', style: 'round' });
    const u = new URL(url);
    expect(u.origin + u.pathname).toBe('https://tv.example/');
    expect(Object.fromEntries(u.searchParams)).toEqual({ space: 'factory', name: 'Ada', color: '#00a0e0', style: 'round', xr: '1' });
  });
});
