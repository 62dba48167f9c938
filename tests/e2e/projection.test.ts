/**
 * A projected picture does not paint what the real camera cannot see (SPEC VC7), read off the canvas
 * of a real browser: client/test/projection.html stands a box between a camera and the floor and
 * projects a magenta feed with the real projection code. The floor the camera sees turns magenta; the
 * spot behind the box, seen by the viewer from the side, keeps the floor's own grey — and takes the
 * picture once the box is moved away (so it is in the picture, and hidden only by the box).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../support/browser.js';
import { CLIENT_TEST_DIR, SHOTS_DIR } from '../support/e2e.js';
import { serveFolder, type StaticServer } from '../support/staticServer.js';

let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  server = await serveFolder(CLIENT_TEST_DIR);
  browser = await launchChromium();
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
});
afterAll(async () => {
  await browser?.close().catch(() => undefined);
  await server?.close();
});

/** Floor points, Babylon frame: in the camera's picture and seen by it, and behind the box from the lens. */
const SEEN = { x: 0, z: 6 };
const HIDDEN = { x: 0, z: 3.9 };
type Rgb = [number, number, number];
const magenta = ([r, g, b]: Rgb) => r - g > 60 && b - g > 60;
const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((c, i) => Math.abs(c - b[i]!)));

describe('projection occlusion (e2e, pixels)', () => {
  it('VC7: the picture lies on the floor the camera sees and not on the floor hidden behind a box; moved away, the spot takes it', async () => {
    const { page, errors, context } = await openPage(browser, `${server.url}/test/projection.html`, { width: 640, height: 400 });
    try {
      await page.waitForFunction(() => !!window.projectionTest, undefined, { timeout: 60_000 });
      const floor = async (p: { x: number; z: number }): Promise<Rgb> => {
        const m = await page.evaluate(([x, z]) => window.projectionTest!.floor(x!, z!), [p.x, p.z]);
        expect(m, `floor point ${p.x}, ${p.z} on screen`).not.toBeNull();
        return m!.rgb;
      };
      const hiddenBefore = await floor(HIDDEN);
      const seenBefore = await floor(SEEN);
      expect(magenta(hiddenBefore)).toBe(false);
      expect(magenta(seenBefore)).toBe(false);

      await page.evaluate(() => window.projectionTest!.project(true));
      expect(await page.evaluate(() => window.projectionTest!.casters())).toBeGreaterThan(0);
      const seen = await floor(SEEN);
      const hidden = await floor(HIDDEN);
      await page.screenshot({ path: path.join(SHOTS_DIR, 'projection-occluded.png') });
      expect(magenta(seen), `seen floor ${seen.join(',')}`).toBe(true);
      // The hidden spot shows the floor as it was: neither the picture nor the dimming light reach it.
      expect(distance(hidden, hiddenBefore), `hidden floor ${hidden.join(',')} vs ${hiddenBefore.join(',')}`).toBeLessThan(10);

      // The box out of the picture: the same spot takes the picture (the depth map follows the scene).
      await page.evaluate(() => window.projectionTest!.moveBox(8, 3));
      await page.evaluate(() => window.projectionTest!.project(true));
      const uncovered = await floor(HIDDEN);
      await page.screenshot({ path: path.join(SHOTS_DIR, 'projection-unoccluded.png') });
      expect(magenta(uncovered), `uncovered floor ${uncovered.join(',')}`).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
