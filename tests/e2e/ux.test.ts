/**
 * A place teams choose to meet, in real browsers (SPEC UX3, UX4): the keyboard goes back to the scene
 * after a chat line is sent or Esc leaves a text box (W A S D then walk), and the help card is still
 * there when the loading screen has gone.
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
