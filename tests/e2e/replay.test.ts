/**
 * Shared replay in real browsers (SPEC RP1, RP5, RP7, PN10): history is seeded through the runtime's ingest
 * path with its own timestamps; a replay started in page A shows the recorded value and colour in
 * page B, with the banner and scrubber; back to live, both show the live machine again. In VR (an
 * emulated Quest 3, tests/support/xrRig.ts) the wrist menu's Replay page does the same with the
 * controller's ray and trigger, as a person in a headset would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';
import { enterVr, HEAD } from '../support/xrRig.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import pg from 'pg';

let e2e: E2E;
const schema = uniqueName('tvreplaye2e').toLowerCase();
/** A whole minute half an hour ago: the recorded past, well inside the VR scrubber's first range (1 h). */
const T0 = Math.floor((Date.now() - 30 * 60_000) / 60_000) * 60_000;

beforeAll(async () => {
  await requireService('postgres');
  e2e = await startE2E({}, { SIMULATOR: 'off', DATABASE_URL, DATABASE_SCHEMA: schema });
  const { server } = e2e;
  await server.store.opened();
  // The alarm event below goes straight to the store: after the start-up restore of open alarms read it (AK5).
  await server.restored();
  // Half an hour ago the pump's bearing ran hot (90 °C: the colour ramp's red) for two minutes; a note then.
  for (let s = 0; s < 120; s++) {
    server.twins.ingest('pump-1', 'bearingTemperature', 90, T0 + s * 1000);
    server.twins.ingest('pump-1', 'flow', 12.5, T0 + s * 1000);
  }
  server.store.recordAlarm({
    twin: 'pump-1',
    alarm: 'bearingHot',
    property: 'bearingTemperature',
    kind: 'raised',
    severity: 'warning',
    message: 'Pump bearing hot',
    value: 90,
    bySession: '',
    byName: '',
    at: T0 + 1000,
  });
  // Now it is cool (20 °C: the ramp's grey).
  server.twins.ingest('pump-1', 'bearingTemperature', 20, Date.now());
  server.history!.flush();
  await server.store.drained();
}, 120_000);

afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await e2e?.close();
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
});

describe('shared replay (e2e)', () => {
  it('RP1 RP5 RP7: a replay started in page A shows the recorded value, colour and banner in page B; back to live for both', async () => {
    const a = await e2e.join('?space=e2e-replay&name=Ada', { width: 1280, height: 720 });
    const b = await e2e.join('?space=e2e-replay&name=Bo', { width: 1280, height: 720 });
    for (const p of [a, b])
      await p.page.waitForFunction(() => window.twinverse!.features.twins!.value('pump-1', 'bearingTemperature')?.num === 20, undefined, {
        timeout: 30_000,
      });
    const casing = (p: typeof a) => p.page.evaluate(() => window.twinverse!.features.twins!.binding('pump-1', 'casing').color);
    // Bindings are driven once per frame, a frame after the value arrives: wait for the frame.
    const frame = (p: typeof a) => p.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await frame(b);
    const live = await casing(b);
    // An open space: everyone may drive; A seeks to a minute into the hot spell, paused.
    expect(await a.page.evaluate(() => window.twinverse!.features.timeline!.allowed())).toBe(true);
    const at = T0 + 60_000;
    await a.page.evaluate((t) => window.twinverse!.features.timeline!.seek(t), at);

    await b.page.waitForFunction(() => window.twinverse!.features.twins!.value('pump-1', 'bearingTemperature')?.num === 90, undefined, {
      timeout: 15_000,
    });
    await b.page.waitForFunction(() => window.twinverse!.features.twins!.binding('pump-1', 'casing').color === '#E03030', undefined, {
      timeout: 10_000,
    });
    expect(await casing(b)).not.toBe(live);
    const banner = await b.page.evaluate(() => window.twinverse!.features.timeline!.banner());
    expect(banner).toMatch(/^REPLAY · .* · paused · by Ada$/);
    expect(await b.page.evaluate(() => window.twinverse!.features.timeline!.timeline())).toMatchObject({ mode: 'replay', at });
    expect(await b.page.locator('#replay-banner').isVisible()).toBe(true);
    expect(await b.page.locator('#replay-scrubber').isVisible()).toBe(true);
    await b.page.waitForFunction(() => window.twinverse!.features.timeline!.markers() > 0, undefined, { timeout: 10_000 });
    await e2e.shot(b.page, 'replay-desktop');
    // Controls: enabled for B too (an open space: everyone may drive); the play button offers to play.
    expect(await b.page.locator('#replay-play').textContent()).toBe('▶ Play');

    await b.page.click('#replay-live');
    for (const p of [a, b]) {
      await p.page.waitForFunction(() => window.twinverse!.features.timeline!.timeline().mode === 'live');
      await p.page.waitForFunction(() => window.twinverse!.features.twins!.value('pump-1', 'bearingTemperature')?.num === 20);
      expect(await p.page.locator('#replay-banner').isVisible()).toBe(false);
    }
  });

  it('RP7 PN10: in VR the wrist menu’s Replay page, every text 28 px or more, scrubs back with the ray and trigger; a desktop page sees the replayed time and value; Back to live returns both', async () => {
    // Vera joins first (the host: she may drive) and goes into VR; Desk watches from a desktop.
    const a = await e2e.join('?space=e2e-replay-vr&name=Vera&xr=emulate', { width: 960, height: 600 });
    const b = await e2e.join('?space=e2e-replay-vr&name=Desk');
    for (const p of [a, b])
      await p.page.waitForFunction(() => window.twinverse!.features.twins!.value('pump-1', 'bearingTemperature')?.num === 20, undefined, {
        timeout: 30_000,
      });
    const vr = await enterVr(a.page, HEAD, () => e2e.shot(a.page, 'replay-vr-missed'));
    const page = 'xr-page-replay';
    const opening = Date.now();
    await vr.menu('replay');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === 'replay', undefined, { timeout: 10_000 });
    // The page's range is the last hour up to when it opened (between these two clocks).
    const opened = (opening + Date.now()) / 2;
    expect(await a.page.evaluate(() => window.twinverse!.features.xr!.menuLabels())).toMatchObject({
      'page-range-1h': '1 h',
      'page-range-6h': '6 h',
      'page-range-24h': '24 h',
      'page-play': 'Play',
      'page-live': 'Live now',
    });
    // PN10: every line on the page reads at arm's length, the range's ends under the scrubber too.
    await a.page.waitForFunction(() => (window.twinverse!.features.xr!.menuTextSizes()['replay-ends'] ?? 0) > 0, undefined, {
      timeout: 10_000,
    });
    const sizes = await a.page.evaluate(() => window.twinverse!.features.xr!.menuTextSizes());
    expect(Math.min(...Object.values(sizes)), JSON.stringify(sizes)).toBeGreaterThanOrEqual(28);

    // Scrub back to a minute into the hot spell: the ray at that place along the scrubber, the
    // trigger pressed and let go there (the scrubber seeks when it is let go).
    const target = T0 + 60_000;
    const fraction = (target - (opened - 3_600_000)) / 3_600_000;
    await vr.click(
      'the scrubber a minute into the hot spell',
      () =>
        a.page.evaluate((f) => {
          const p = window.twinverse!.features.xr!.menuButtons();
          const [s, e] = [p['page-scrub-0']!, p['page-scrub-100']!];
          return { x: s.x + f * (e.x - s.x), y: s.y + f * (e.y - s.y), z: s.z + f * (e.z - s.z) };
        }, fraction),
      page,
    );
    const seen = [];
    for (const p of [a, b]) {
      await p.page.waitForFunction(() => window.twinverse!.features.timeline!.timeline().mode === 'replay', undefined, { timeout: 15_000 });
      seen.push(await p.page.evaluate(() => window.twinverse!.features.timeline!.timeline()));
    }
    expect(seen[1]!.at).toBe(seen[0]!.at);
    // Within half a minute of where the ray pressed: inside the recorded hot spell.
    expect(Math.abs(seen[0]!.at - target)).toBeLessThan(30_000);
    await b.page.waitForFunction(() => window.twinverse!.features.twins!.value('pump-1', 'bearingTemperature')?.num === 90, undefined, {
      timeout: 15_000,
    });
    expect(await b.page.evaluate(() => window.twinverse!.features.timeline!.banner())).toMatch(/^REPLAY · .* · paused · by Vera$/);
    expect(await b.page.locator('#replay-banner').isVisible()).toBe(true);
    // The VR page says the same: its own line, and Back to live offered.
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuLabels()['page-live'] === 'Back to live', undefined, {
      timeout: 10_000,
    });
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.value('pump-1', 'bearingTemperature')?.num)).toBe(90);
    await vr.frames(2);
    await e2e.shot(a.page, 'replay-vr');

    await vr.menu('page-live', page);
    for (const p of [a, b]) {
      await p.page.waitForFunction(() => window.twinverse!.features.timeline!.timeline().mode === 'live', undefined, { timeout: 15_000 });
      await p.page.waitForFunction(() => window.twinverse!.features.twins!.value('pump-1', 'bearingTemperature')?.num === 20, undefined, {
        timeout: 15_000,
      });
    }
    expect(await b.page.locator('#replay-banner').isVisible()).toBe(false);
  });
});
