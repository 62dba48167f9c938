/**
 * A projected picture does not paint what the real camera cannot see (SPEC VC7), read off the canvas
 * of a real browser: client/test/projection.html stands a box between a camera and the floor and
 * projects a magenta feed with the real projection code. The floor the camera sees turns magenta; the
 * spot behind the box, seen by the viewer from the side, keeps the floor's own grey — and takes the
 * picture once the box is moved away (so it is in the picture, and hidden only by the box). A body
 * tagged as existing only in the space (an avatar, SPEC VC9) stands in the picture: its side keeps its
 * own colour and the floor behind it from the lens takes the picture (no grey hole).
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
/**
 * The avatar-like body (0.5 m wide, 1.8 m tall, centred at x 1.5, z 4.5): the middle of its side facing
 * the viewer (and lit by the lens), and a floor point behind it from the lens (on the ray from the lens'
 * foot through the body, 6 m out; over its top the ray lands 8.6 m out).
 */
const AVATAR_SIDE = { x: 1.24, y: 0.9, z: 4.5 };
const BEHIND_AVATAR = { x: 1.9, z: 5.7 };
type Rgb = [number, number, number];
const magenta = ([r, g, b]: Rgb) => r - g > 60 && b - g > 60;
const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((c, i) => Math.abs(c - b[i]!)));

describe('projection occlusion (e2e, pixels)', () => {
  it('VC7 VC10: the picture, one light with one depth map, lies on the floor the camera sees and not on the floor hidden behind a box; moved away, the spot takes it', async () => {
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
      // VC10: the projection renders one depth map, not one for each of two lights.
      expect(await page.evaluate(() => window.projectionTest!.depthMaps())).toBe(1);
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

  it('VC9: a body that exists only in the space (an avatar) takes no picture and leaves no hole in it', async () => {
    const { page, errors, context } = await openPage(browser, `${server.url}/test/projection.html`, { width: 640, height: 400 });
    try {
      await page.waitForFunction(() => !!window.projectionTest, undefined, { timeout: 60_000 });
      const at = async (p: { x: number; y?: number; z: number }): Promise<Rgb> => {
        const m = await page.evaluate(([x, y, z]) => window.projectionTest!.at(x!, y!, z!), [p.x, p.y ?? 0, p.z]);
        expect(m, `point ${p.x}, ${p.y ?? 0}, ${p.z} on screen`).not.toBeNull();
        return m!.rgb;
      };
      const sideBefore = await at(AVATAR_SIDE);
      const behindBefore = await at(BEHIND_AVATAR);
      expect(magenta(behindBefore)).toBe(false);

      await page.evaluate(() => window.projectionTest!.project(true));
      const side = await at(AVATAR_SIDE);
      const behind = await at(BEHIND_AVATAR);
      await page.screenshot({ path: path.join(SHOTS_DIR, 'projection-avatar.png') });
      // Neither the picture nor the dimming light reach the body: it looks as it did.
      expect(magenta(side), `avatar side ${side.join(',')}`).toBe(false);
      expect(distance(side, sideBefore), `avatar side ${side.join(',')} vs ${sideBefore.join(',')}`).toBeLessThan(10);
      // It casts nothing into the depth map: the floor behind it from the lens takes the picture.
      expect(magenta(behind), `floor behind the avatar ${behind.join(',')}`).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  }, 180_000);
});
