/**
 * A place teams choose to meet, in real browsers (SPEC UX3, UX4, UX6, RX3): the keyboard goes back to the
 * scene after a chat line is sent or Esc leaves a text box (W A S D then walk), the help card is still
 * there when the loading screen has gone, and a reaction from one page shows over that person's head
 * in the others. Screenshots land in test-results/screenshots/ux-*.png.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);

afterEach(async () => {
  await e2e.closePages();
});

afterAll(async () => {
  await e2e?.close();
});

/** Holds W until the player has gone `metres` forward (−z); the keys reach the page wherever focus is. */
async function walkForward(page: Page, metres: number): Promise<void> {
  const start = await page.evaluate(() => window.twinverse!.player());
  await page.keyboard.down('KeyW');
  await page.waitForFunction(([z, m]) => window.twinverse!.player().z < (z as number) - (m as number), [start.z, metres] as const, {
    timeout: 30_000,
  });
  await page.keyboard.up('KeyW');
}

describe('focus and help (e2e)', () => {
  it('UX4: the help card is on screen when the loading screen has gone', async () => {
    const a = await e2e.join('?space=e2e-ux-help&name=Ada', { width: 1280, height: 720 });
    await a.page.waitForSelector('#loading', { state: 'detached' });
    expect(await a.page.locator('#help').isVisible()).toBe(true);
    expect(await a.page.locator('#help-button').isVisible()).toBe(false);
  });

  it('UX3: after sending a chat line, and after Esc in the box, the keys are the scene’s and W walks', async () => {
    const a = await e2e.join('?space=e2e-ux-focus&name=Ada', { width: 1280, height: 720 });
    const focused = () => a.page.evaluate(() => document.activeElement?.id ?? '');
    // Enter opens the chat with the cursor in the box; a line sent hands the keys back to the scene.
    await a.page.locator('#scene').focus();
    await a.page.keyboard.press('Enter');
    await a.page.waitForFunction(() => document.activeElement?.id === 'chat-input');
    await a.page.keyboard.type('hello');
    await a.page.keyboard.press('Enter');
    await a.page.waitForFunction(() => document.activeElement?.id === 'scene');
    await walkForward(a.page, 0.5);
    // Esc in the box leaves it for the scene too.
    await a.page.keyboard.press('Enter');
    await a.page.waitForFunction(() => document.activeElement?.id === 'chat-input');
    await a.page.keyboard.press('Escape');
    expect(await focused()).toBe('scene');
    await walkForward(a.page, 0.5);
    // The chat box got no letters from the walking.
    expect(await a.page.locator('#chat-input').inputValue()).toBe('');
  });
});

const selfId = (p: Page) => p.evaluate(() => window.twinverse!.selfId()!);
/** Until the page has drawn two more frames: what its state says is on screen for a picture. */
const drawnFrames = (p: Page) => p.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

describe('quick reactions (e2e)', () => {
  it('RX3 UX6: key 3 in page A shows 👏 over A’s head in page B; the people list keeps long names whole in a tooltip', async () => {
    // Two pages, not three: on a CPU renderer a third page starves the others.
    const long = 'Bartholomew Featherstonehaugh-Ch'; // 32 characters, the most a name may have
    const a = await e2e.join(`?space=e2e-ux-react&name=${encodeURIComponent(long)}&color=%232e86de`, { width: 1280, height: 720 });
    const b = await e2e.join('?space=e2e-ux-react&name=Bo&color=%23e4572e', { width: 1280, height: 720 });
    const idA = await selfId(a.page);
    // A stands 2.5 m in front of B, facing B; B looks at A (yaw 0 faces −z).
    const spot = await b.page.evaluate(() => window.twinverse!.player());
    await b.page.evaluate(([x, z]) => window.twinverse!.teleport(x, z, 0), [spot.x, spot.z] as const);
    await a.page.evaluate(([x, z]) => window.twinverse!.teleport(x, z - 2.5, Math.PI), [spot.x, spot.z] as const);
    await b.page.waitForFunction((i) => (window.twinverse!.rendered(i)?.head.z ?? 0) < window.twinverse!.player().z - 2, idA, {
      timeout: 20_000,
    });

    const react = async () => {
      await a.page.locator('#scene').focus();
      await a.page.keyboard.press('Digit3');
      await b.page.waitForFunction((i) => window.twinverse!.features.reactions!.showing(i) === '👏', idA, { timeout: 10_000 });
      await drawnFrames(b.page);
    };
    await react();
    // Not over my own head (I do not see it).
    expect(await a.page.evaluate((i) => window.twinverse!.features.reactions!.showing(i), idA)).toBeNull();
    await e2e.shot(b.page, 'ux-reaction-desktop');

    // The people list: A's long name ends in an ellipsis but is whole in its tooltip.
    const who = b.page.locator('.people li .who', { hasText: 'Bartholomew' });
    expect(await who.getAttribute('title')).toBe(long);
    await e2e.shot(b.page, 'ux-people-desktop');
  });
});
