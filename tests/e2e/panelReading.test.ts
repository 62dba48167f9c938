/**
 * Reading a machine's panel in real browsers (SPEC PN7, PN8, PN9, UX10, UX11, UX12): a long machine name is
 * whole in the header, on one line or two; on a 390×844 phone every text reads at 12 CSS px or more while
 * the rest of the HUD stands aside, and the bar keeps a microphone button to mute with; and a part carried away while the panel is open brings its "Return …"
 * button up beside the panel, not over it. The built-in simulator runs the machines; a colyseus.js
 * client of the test carries the part, as another person would. Screenshots of a desktop 1280×720 and a
 * phone (arrival, people, panel) land in test-results/screenshots/read-*.png.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openPhone as openPhoneIn, type Phone } from '../support/phone.js';
import { join, type TestClient } from '../support/clients.js';
import { startE2E, type E2E } from '../support/e2e.js';
import { uniqueName } from '../support/services.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';

/** Too long for the header at the title size: it shrinks on a desktop and takes two lines on a phone. */
const LONG = 'Coolant recirculation pump 1, north bay press line';
const MACHINES = {
  twins: [
    { twin: 'pump-1', position: [1.5, 0, 4] as [number, number, number] },
    { twin: 'conveyor-1', position: [-2, 0, 3] as [number, number, number] },
  ],
};

let e2e: E2E;
let assets: TwinAssets;
const contexts: BrowserContext[] = [];
const bots: TestClient[] = [];

beforeAll(async () => {
  const layouts = { 'e2e-read': MACHINES, 'e2e-read-return': MACHINES, 'e2e-read-bar': { ...MACHINES, title: 'Factory floor' } };
  assets = makeTwinAssets(uniqueName('e2eread'), layouts, (id, td) => {
    if (id === 'pump-1') td.title = LONG;
  });
  e2e = await startE2E({}, { SIMULATOR: 'on', ASSETS_DIR: assets.dir });
});
afterEach(async () => {
  await Promise.all(bots.splice(0).map((b) => b.room.leave().catch(() => undefined)));
  await e2e?.closePages();
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
});
afterAll(async () => {
  await e2e?.close();
  assets?.remove();
});

/** A phone: touch screen, mobile viewport, its own context (closed after the test). */
function openPhone(query: string): Promise<Phone> {
  return openPhoneIn(e2e.browser, `${e2e.server.url}/${query}`, contexts);
}

/** Opens `twin`'s panel through the test API and waits until it has been drawn (its controls have screen places). */
async function openPanel(page: Page, twin: string): Promise<void> {
  await page.waitForFunction((t) => window.twinverse!.features.twins!.list().some((m) => m.id === t && m.drawn), twin, { timeout: 30_000 });
  await page.evaluate((t) => window.twinverse!.features.twins!.openPanel(t), twin);
  await page.waitForFunction(() => window.twinverse!.features.twins!.panelControls().close !== undefined, undefined, { timeout: 15_000 });
}

/** What covers the open panel's header (title row and Close): elements found there other than the scene's canvas. */
function overPanelHeader(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const t = window.twinverse!.features.twins!;
    const close = t.panelControls().close;
    const panel = t.panelBox()?.panel;
    if (!close || !panel) return ['no panel or no Close on screen'];
    const points: [number, number][] = [[(close.left + close.right) / 2, (close.top + close.bottom) / 2]];
    for (const y of [panel.top + 3, (close.top + close.bottom) / 2, close.bottom - 3])
      for (let i = 0; i <= 6; i++) points.push([panel.left + 3 + ((panel.right - panel.left - 6) * i) / 6, y]);
    return points
      .map(([x, y]) => ({ x, y, e: document.elementFromPoint(x, y) }))
      .filter(({ e }) => !(e instanceof HTMLCanvasElement))
      .map(({ x, y, e }) => `${Math.round(x)},${Math.round(y)}: ${e ? e.id || e.className || e.tagName : 'outside the window'}`);
  });
}

/** How big the open panel's smallest text and its title show on screen, CSS px. */
async function shownTextSizes(page: Page): Promise<{ smallest: number; title: number }> {
  return page.evaluate(() => {
    const t = window.twinverse!.features.twins!;
    const p = t.panel()!;
    const box = t.panelBox()!.panel;
    const scale = (box.right - box.left) / p.texture.width;
    return { smallest: p.texture.smallText * scale, title: p.title.size * scale };
  });
}

const visible = (page: Page, selector: string) => page.locator(selector).first().isVisible();

describe('reading a panel on a phone', () => {
  it('PN7 PN8 PN9: a long machine name takes two lines, whole; every text reads at 12 CSS px or more while the HUD stands aside, the bar keeps a microphone button that mutes, and it all comes back on Close', async () => {
    const { page, errors } = await openPhone('?space=e2e-read&name=Pia');
    await page.waitForSelector('#loading', { state: 'detached' });
    expect(await visible(page, '#touch-stick')).toBe(true);
    await openPanel(page, 'pump-1');

    // PN7: the whole name on two lines, nothing cut.
    const p = (await page.evaluate(() => window.twinverse!.features.twins!.panel()))!;
    expect(p.title.lines).toHaveLength(2);
    expect(p.title.lines.join(' ')).toBe(LONG);
    // PN8: the smallest print and the name read on the phone.
    const sizes = await shownTextSizes(page);
    expect(sizes.smallest).toBeGreaterThanOrEqual(12);
    expect(sizes.title).toBeGreaterThanOrEqual(12);
    // The HUD stood aside for it, the panel is whole on screen and clear of what stays.
    for (const s of ['#touch-stick', '.actions', '#help', '#help-button', '#replay-open']) expect(await visible(page, s), s).toBe(false);
    const box = (await page.evaluate(() => window.twinverse!.features.twins!.panelBox()))!;
    expect(box.panel.left).toBeGreaterThanOrEqual(0);
    expect(box.panel.right).toBeLessThanOrEqual(390);
    expect(box.panel.top).toBeGreaterThanOrEqual(0);
    expect(box.panel.bottom).toBeLessThanOrEqual(844);
    for (const h of box.hud)
      expect(
        h.right <= box.panel.left || h.left >= box.panel.right || h.bottom <= box.panel.top || h.top >= box.panel.bottom,
        JSON.stringify(h),
      ).toBe(true);
    expect(await overPanelHeader(page)).toEqual([]);
    await e2e.shot(page, 'read-phone-panel');

    // PN9: the bottom row's Mute went aside with it; the bar's compact microphone stays in reach, clear of
    // the panel, and mutes and unmutes the outgoing track.
    const barMic = page.locator('#bar-mic-button');
    expect(await barMic.isVisible()).toBe(true);
    const mic = (await barMic.boundingBox())!;
    expect(mic.width).toBeGreaterThanOrEqual(32);
    expect(mic.y + mic.height <= box.panel.top || mic.y >= box.panel.bottom, JSON.stringify({ mic, panel: box.panel })).toBe(true);
    await page.waitForFunction(() => document.querySelector('#bar-mic-button')?.getAttribute('data-state') === 'live', undefined, {
      timeout: 30_000,
    });
    await barMic.tap();
    await page.waitForFunction(() => window.twinverse!.features.meeting!.micTrack()?.enabled === false);
    expect(await barMic.getAttribute('data-state')).toBe('muted');
    expect(await barMic.getAttribute('aria-label')).toBe('Unmute (M)');
    await barMic.tap();
    await page.waitForFunction(() => window.twinverse!.features.meeting!.micTrack()?.enabled === true);
    expect(await barMic.getAttribute('data-state')).toBe('live');

    // Close: the stick and the bottom row are back, and the bar's microphone leaves (the row has Mute).
    await page.evaluate(() => window.twinverse!.features.twins!.closePanel());
    await page.waitForSelector('#touch-stick', { state: 'visible' });
    expect(await visible(page, '.actions')).toBe(true);
    expect(await visible(page, '#bar-mic-button')).toBe(false);
    expect(errors).toEqual([]);
  });

  it('UX12: on a phone the bar shows the space’s whole title, with Copy link as its icon named “Copy link”, at arrival and with a panel open', async () => {
    const { page, errors } = await openPhone('?space=e2e-read-bar&name=Pia');
    await page.waitForSelector('#loading', { state: 'detached' });
    /** The title's text fits its box (a cut one ends in "…" and scrolls wider than it shows). */
    const titleWhole = () =>
      page.evaluate(() => {
        const t = document.getElementById('space-title')!;
        return { text: t.textContent, scroll: t.scrollWidth, client: t.clientWidth };
      });
    const copy = page.getByRole('button', { name: 'Copy link' });
    expect(await copy.isVisible()).toBe(true);
    expect(await copy.getAttribute('title')).toBe('Copy link');
    // Icon only: its words are hidden, the button no wider than a tool button.
    expect(await page.locator('#copy-link .label').isVisible()).toBe(false);
    expect((await copy.boundingBox())!.width).toBeLessThanOrEqual(48);
    const arrival = await titleWhole();
    expect(arrival.text).toBe('Factory floor');
    expect(arrival.scroll, JSON.stringify(arrival)).toBeLessThanOrEqual(arrival.client);
    await e2e.shot(page, 'read-phone-bar');
    // A panel brings the bar's microphone (PN9): the title stays whole beside it.
    await openPanel(page, 'conveyor-1');
    expect(await visible(page, '#bar-mic-button')).toBe(true);
    const withPanel = await titleWhole();
    expect(withPanel.scroll, JSON.stringify(withPanel)).toBeLessThanOrEqual(withPanel.client);
    await e2e.shot(page, 'read-phone-bar-panel');
    expect(errors).toEqual([]);
  });

  it('UX11 UX8: a part carried away by someone else while the panel is open brings “Return …” up beside the panel, never over it', async () => {
    const { page, errors } = await openPhone('?space=e2e-read-return&name=Fin');
    await page.waitForSelector('#loading', { state: 'detached' });
    await openPanel(page, 'conveyor-1');
    // The pallet rests: nothing offered yet.
    expect(await page.locator('.return-part').count()).toBe(0);

    // Someone else carries the pallet 40 cm aside and lets it go.
    const bot = await join(e2e.server.url, { space: 'e2e-read-return', name: 'Bot' });
    bots.push(bot);
    const rest = (await page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')))!;
    bot.room.send('twin.grab', { twin: 'conveyor-1', part: 'pallet' });
    bot.room.send('twin.move', { twin: 'conveyor-1', part: 'pallet', p: [rest.p[0] + 0.4, rest.p[1], rest.p[2]], q: rest.q });
    bot.room.send('twin.release', { twin: 'conveyor-1', part: 'pallet' });
    await bot.roundTrip();
    expect(bot.errors).toEqual([]);

    await page.waitForSelector('.return-part', { state: 'visible', timeout: 15_000 });
    const offer = (await page.locator('.return-part').boundingBox())!;
    const panel = (await page.evaluate(() => window.twinverse!.features.twins!.panelBox()))!.panel;
    const apart =
      offer.x + offer.width <= panel.left || offer.x >= panel.right || offer.y + offer.height <= panel.top || offer.y >= panel.bottom;
    expect(apart, `offer ${JSON.stringify(offer)} panel ${JSON.stringify(panel)}`).toBe(true);
    expect(await overPanelHeader(page)).toEqual([]);
    await e2e.shot(page, 'read-phone-return');

    // It puts the pallet back, and its place empties again.
    await page.locator('.return-part').tap();
    await page.waitForFunction(() => document.querySelector('.return-part') === null, undefined, { timeout: 15_000 });
    expect(errors).toEqual([]);
  });
});

describe('reading a panel on a desktop', () => {
  it('PN7 PN8 UX10: at 1280×720 the long name fits the header whole and the small print reads; the list says desktop (screenshots: arrival, people, panel)', async () => {
    const a = await e2e.join('?space=e2e-read&name=Ada', { width: 1280, height: 720 });
    await a.page.waitForSelector('#loading', { state: 'detached' });
    await e2e.shot(a.page, 'read-desktop-arrival');
    const me = (await a.page.evaluate(() => window.twinverse!.selfId()))!;
    expect(await a.page.locator(`#people-list li[data-id="${me}"] .mode`).innerText()).toMatch(/^desktop/);
    await e2e.shot(a.page, 'read-desktop-people');
    // A click on a machine folds the controls card (UX4); the test API opens the panel without one: H.
    await a.page.keyboard.press('h');
    await a.page.waitForFunction(() => document.getElementById('help')?.hidden === true);

    await openPanel(a.page, 'pump-1');
    const p = (await a.page.evaluate(() => window.twinverse!.features.twins!.panel()))!;
    expect(p.title.lines.join(' ')).toBe(LONG);
    expect(p.title.lines.join(' ')).not.toContain('…');
    // PN8: the two-column panel shows its small print readable in this window too.
    expect((await shownTextSizes(a.page)).smallest).toBeGreaterThanOrEqual(12);
    expect(await overPanelHeader(a.page)).toEqual([]);
    await e2e.shot(a.page, 'read-desktop-panel');
    expect(a.errors).toEqual([]);
  });
});
