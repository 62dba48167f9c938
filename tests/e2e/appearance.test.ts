/**
 * "Your avatar" in real browsers (SPEC AV6, AV2): a person changes style and colour mid-session from
 * the bar; others see the change; a colour near-identical to someone's present is replaced by the
 * server, and the card marks and says what the server decided. Screenshots in
 * test-results/screenshots/appearance-*.png (desktop 1280×720, phone 390×844).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from '../support/e2eSuite.js';

const e2e = useE2E();

/** How page `viewer` has person `id` now: colour and style as the state says. */
const seen = (viewer: Page, id: string) => viewer.evaluate((who) => window.twinverse!.people().find((p) => p.id === who) ?? null, id);

/** The card's marked swatch and style. */
const marked = (page: Page) =>
  page.evaluate(() => ({
    color: document.querySelector<HTMLElement>('#appearance .swatch[aria-checked="true"]')?.dataset.color ?? null,
    style: document.querySelector<HTMLElement>('#appearance .style-choice[aria-checked="true"]')?.dataset.style ?? null,
  }));

describe('your avatar (e2e)', () => {
  it('AV6 AV2: style and colour change from the bar; a colour someone wears is replaced, and the card shows what the server gave', async () => {
    const a = await e2e.join('?space=e2e-appearance&name=Ada&color=%23e4572e&style=visor', { width: 1280, height: 720 });
    const b = await e2e.join('?space=e2e-appearance&name=Bo&color=%232e86de&style=round', { width: 1280, height: 720 });
    const bId = (await b.page.evaluate(() => window.twinverse!.selfId()))!;
    await a.page.waitForFunction((id) => window.twinverse!.people().some((p) => p.id === id), bId);
    await b.page.waitForSelector('#loading', { state: 'detached' });

    await b.page.click('#appearance-button');
    await b.page.waitForSelector('#appearance:not([hidden])');
    expect(await marked(b.page)).toEqual({ color: '#2e86de', style: 'round' });

    // A style is granted as asked: Ada sees Bo's cone; Bo's card and bar button mark it.
    await b.page.click('#appearance .style-choice[data-style="cone"]');
    await a.page.waitForFunction((id) => window.twinverse!.people().find((p) => p.id === id)?.style === 'cone', bId);
    await b.page.waitForFunction(() => document.getElementById('appearance-button')!.dataset.style === 'cone');
    expect((await marked(b.page)).style).toBe('cone');

    // Ada's colour: the server keeps Bo apart (AV2) and the card says so in AV3's words.
    await b.page.click('#appearance .swatch[data-color="#e4572e"]');
    await b.page.waitForFunction(() =>
      /already wears a colour very like #e4572e/.test(document.getElementById('appearance-note')!.textContent!),
    );
    const given = (await seen(b.page, bId))!.color;
    expect(given).not.toBe('#e4572e');
    expect((await marked(b.page)).color).toBe(given);
    expect(await b.page.locator('#appearance-note').innerText()).toContain(`you wear ${given} instead`);
    expect((await seen(a.page, bId))!.color).not.toBe('#e4572e');
    await e2e.shot(b.page, 'appearance-desktop-replaced');

    // A free colour is granted: Ada sees it, Bo's card marks it.
    await b.page.click('#appearance .swatch[data-color="#7b61ff"]');
    await a.page.waitForFunction((id) => window.twinverse!.people().find((p) => p.id === id)?.color === '#7b61ff', bId);
    await b.page.waitForFunction(() => document.getElementById('appearance-note')!.textContent === 'Everyone sees you in this colour now.');
    expect(await marked(b.page)).toEqual({ color: '#7b61ff', style: 'cone' });
    expect(await b.page.evaluate(() => document.getElementById('appearance-button')!.dataset.color)).toBe('#7b61ff');
    await e2e.shot(b.page, 'appearance-desktop');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });

  it('AV6: on a phone the card opens whole inside the screen', async () => {
    const p = await e2e.join('?space=e2e-appearance-phone&name=Cy', { width: 390, height: 844 });
    await p.page.waitForSelector('#loading', { state: 'detached' });
    const button = (await p.page.locator('#appearance-button').boundingBox())!;
    expect(button.x + button.width).toBeLessThanOrEqual(390);
    await p.page.click('#appearance-button');
    await p.page.waitForSelector('#appearance:not([hidden])');
    const card = (await p.page.locator('#appearance').boundingBox())!;
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width).toBeLessThanOrEqual(390);
    expect(card.y + card.height).toBeLessThanOrEqual(844);
    await p.page.click('#appearance .style-choice[data-style="slim"]');
    await p.page.waitForFunction(() => document.getElementById('appearance-button')!.dataset.style === 'slim');
    await e2e.shot(p.page, 'appearance-phone');
    await p.page.click('#appearance-close');
    await p.page.waitForSelector('#appearance', { state: 'hidden' });
    expect(p.errors).toEqual([]);
  });
});
