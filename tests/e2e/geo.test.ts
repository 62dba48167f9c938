/**
 * Sites on Earth in a real browser (SPEC GS5, GS8–GS11): the simulated AGV crosses the factory floor
 * at the places its reported latitude and longitude give, leaving its path; the overview shows the
 * sites on the map with their alarm states, and clicking one enters it.
 */
import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2eSuite.js';
import { waitForApp } from '../support/browser.js';

// The built-in simulator drives the factory (no broker), the AGV among its machines.
const e2e = useE2E({}, { SIMULATOR: 'on' });

describe('sites on Earth (e2e)', () => {
  it('GS5 GS7: the AGV crosses the factory floor where its reports put it, drawing its path behind it', async () => {
    const a = await e2e.join('?space=factory&name=Ada', { width: 800, height: 500 });
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.list().some((t) => t.id === 'agv-1' && t.drawn), undefined, {
      timeout: 30_000,
    });
    // Its places as the page draws them, each a changed one, until it has gone from the +X side of the hall to the −X side.
    const seen: { x: number; z: number }[] = [];
    await a.page.waitForFunction(
      () => {
        const w = window.twinverse!.features.twins!.worldPoint('agv-1');
        const store = ((window as unknown as { __agv?: { x: number; z: number }[] }).__agv ??= []);
        if (w) {
          const last = store[store.length - 1];
          if (!last || last.x !== w.x || last.z !== w.z) store.push({ x: w.x, z: w.z });
        }
        return store.some((p) => p.x > 8) && store.some((p) => p.x < -8);
      },
      undefined,
      { timeout: 90_000, polling: 100 },
    );
    seen.push(...(await a.page.evaluate(() => (window as unknown as { __agv: { x: number; z: number }[] }).__agv)));
    expect(seen.length).toBeGreaterThan(30);
    // Every place is on its loop (±11 m across, −8.5…−4.5 m deep: behind the machines), within a centimetre.
    for (const p of seen) {
      const onSides = Math.abs(Math.abs(p.x) - 11) < 0.01 && p.z > -8.51 && p.z < -4.49;
      const onEnds = (Math.abs(p.z + 8.5) < 0.01 || Math.abs(p.z + 4.5) < 0.01) && Math.abs(p.x) < 11.01;
      expect(onSides || onEnds, `${p.x}, ${p.z}`).toBe(true);
    }
    const trail = (await a.page.evaluate(() => window.twinverse!.features.geo!.trails())).find((t) => t.twin === 'agv-1')!;
    // A dot every quarter metre, sampled at most 4 times a second (fewer on a slow headless frame rate).
    expect(trail.points.length).toBeGreaterThan(10);
    // Stand in line with its +X leg and wait for it there, driving away: in view, its path on the floor between.
    await a.page.evaluate(() => window.twinverse!.teleport(11, 2, 0));
    await a.page.waitForFunction(
      () => {
        const w = window.twinverse!.features.twins!.worldPoint('agv-1');
        return !!w && Math.abs(w.x - 11) < 0.01 && w.z < -5.5 && w.z > -7;
      },
      undefined,
      { timeout: 90_000, polling: 100 },
    );
    // The controls card folds by itself once the scene shows; bring nothing back over the shot.
    if (!(await a.page.evaluate(() => document.getElementById('help')?.hidden === true))) await a.page.keyboard.press('h');
    await e2e.shot(a.page, 'geo-agv-path');
  });

  it('GS8 GS9 GS10 GS11: the overview shows the sites at their places with their states; clicking one enters it', async () => {
    const a = await e2e.join('?space=sites&name=Ada&color=%2300a0e0', { width: 800, height: 500 });
    type Site = { space: string; title: string; state: string; x: number | null; z: number | null; plate: string | null };
    const sites = await a.page.waitForFunction(
      () => {
        const o = window.twinverse!.features.geo!.overview();
        return o && o.sites.length === 3 && o.sites.every((s) => s.x !== null) ? o : null;
      },
      undefined,
      { timeout: 30_000 },
    );
    const o = (await sites.jsonValue()) as { map: string; sites: Site[] };
    if (!(await a.page.evaluate(() => document.getElementById('help')?.hidden === true))) await a.page.keyboard.press('h');
    await a.page.waitForFunction(() => document.getElementById('help')?.hidden === true);
    expect(o.map).toBe('own');
    const by = new Map(o.sites.map((s) => [s.space, s]));
    // Bremen north-west of the centre, Duisburg west, Ingolstadt south-east (−Z is north here).
    expect(by.get('factory')).toMatchObject({ title: 'Factory floor', state: 'ok' });
    expect(by.get('factory')!.z!).toBeLessThan(-9);
    expect(by.get('warehouse')!.x!).toBeLessThan(-8);
    expect(by.get('plant-south')!.z!).toBeGreaterThan(12);
    expect(by.get('factory')!.plate).toMatch(/Factory floor\n● All well/);
    // Open ground: no hall walls, roof or racks stand around the map.
    const drawn = await a.page.evaluate(() => window.twinverse!.renderInventory().meshes.map((m) => m.name));
    expect(drawn.filter((n) => /^(hall-|wall|windows|column|sign)/.test(n))).toEqual([]);
    await e2e.shot(a.page, 'geo-overview');
    const at = await a.page.evaluate(() => window.twinverse!.features.geo!.siteScreenPoint('factory'));
    expect(at).not.toBeNull();
    await Promise.all([a.page.waitForURL(/space=factory/, { timeout: 30_000 }), a.page.mouse.click(at!.x, at!.y)]);
    await waitForApp(a.page);
    expect(new URL(a.page.url()).searchParams.get('name')).toBe('Ada');
    expect(new URL(a.page.url()).searchParams.get('color')).toBe('#00a0e0');
    await a.page.waitForFunction(() => document.getElementById('space-title')?.textContent === 'Factory floor', undefined, {
      timeout: 30_000,
    });
  });
});
