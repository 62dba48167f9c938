/**
 * A full space that overflows, in real pages (SPEC J6): in a space of one seat, the second page is
 * seated in the space's second instance and its bar says which ("e2e-line (2)"); the first page,
 * in the space itself, shows no instance.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';
import { uniqueName } from '../support/services.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';

let e2e: E2E;
let assets: TwinAssets;

beforeAll(async () => {
  assets = makeTwinAssets(uniqueName('e2eover'), { 'e2e-line': { twins: [], overflow: { instances: 2 } } });
  e2e = await startE2E({ maxPerSpace: 1 }, { SIMULATOR: 'off', ASSETS_DIR: assets.dir });
});
afterAll(async () => {
  await e2e?.close();
  assets?.remove();
});

describe('overflow (e2e)', () => {
  it('J6: the second page in a full space of one is in “e2e-line (2)” and its bar says so; the first shows no instance', async () => {
    const a = await e2e.join('?space=e2e-line&name=Ada', { width: 640, height: 400 });
    const b = await e2e.join('?space=e2e-line&name=Bob', { width: 640, height: 400 });
    const shown = b.page.locator('#space-instance');
    await shown.waitFor({ state: 'visible', timeout: 30_000 });
    expect(await shown.textContent()).toBe('e2e-line (2)');
    expect(await a.page.locator('#space-instance').isHidden()).toBe(true);
    await e2e.shot(b.page, 'overflow-instance');
  });
});
