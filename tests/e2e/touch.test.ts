/**
 * Pointing in a real browser (SPEC HV1): a mouse over a machine tints it and turns the cursor into a
 * pointer; moving off gives both back. The built-in simulator runs the factory's machines.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({}, { SIMULATOR: 'on' });
});
afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await e2e?.close();
});

describe('desktop pointing', () => {
  it('HV1: hovering a machine tints it and shows a pointer cursor; moving off clears both', async () => {
    const a = await e2e.join('?space=e2e-hover&name=Ada', { width: 1280, height: 720 });
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.list().some((t) => t.id === 'pump-1' && t.drawn), undefined, {
      timeout: 15_000,
    });
    const at = await a.page.evaluate(() => window.twinverse!.features.twins!.screenPoint('pump-1', 'casing'));
    expect(at).toBeTruthy();
    // A machine clear of the help card.
    await a.page.mouse.move(at!.x, at!.y);
    // A second, small move: in this test the scene did not take the first move after joining.
    await a.page.mouse.move(at!.x + 2, at!.y + 1);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.hover().twin === 'pump-1');
    expect((await a.page.evaluate(() => window.twinverse!.features.twins!.hover())).tinted).toBeGreaterThan(0);
    expect(await a.page.evaluate(() => document.querySelector('canvas')!.style.cursor)).toBe('pointer');
    await e2e.shot(a.page, 'hover-machine');

    // The top-left corner looks at the hall's ceiling or wall, not a machine.
    await a.page.mouse.move(5, 200);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.hover().twin === null);
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.hover().tinted)).toBe(0);
    expect(await a.page.evaluate(() => document.querySelector('canvas')!.style.cursor)).toBe('');
    expect(a.errors).toEqual([]);
  });
});
