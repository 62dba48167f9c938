/**
 * A camera projected from VR (SPEC VC6) with an emulated Quest 3 (iwer, test builds only): the wrist
 * menu's "Project camera…" opens the Cameras page, its button for a camera lays the live picture onto the
 * scene it sees (the feed is asked for and drawn into the projection), pressed again it stops. Buttons
 * are pressed as a person does: the right controller's ray on the button, the trigger held for XR
 * frames (waited on: each frame shows a head nudge), never for milliseconds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.js';
import { waitFor } from '../support/wait.js';
import { enterVr, HEAD, type V } from '../support/xrRig.js';

let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E({}, { VIDEO: 'on' });
  await waitFor('cam-2 live', () => e2e.server.video.feed('cam-2')?.isOnline, 120_000);
}, 240_000);
afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await e2e?.close();
});

/** The headset here, looking along `q` (WebXR frame); waits for an XR frame that shows it (a 1 mm nudge proves a new one). */
async function headAt(page: Page, at: V, q?: { x: number; y: number; z: number; w: number }): Promise<void> {
  for (const dy of [0.001, 0]) {
    const target = { ...at, y: at.y + dy };
    await page.evaluate(([h, o]) => window.twinverse!.features.xr!.emulator!.setHead(h!, o), [target, q] as const);
    await page.waitForFunction(
      (t) => {
        const h = window.twinverse!.features.xr!.head();
        return !!h && Math.abs(h.y - t.y) < 2e-4;
      },
      target,
      { timeout: 20_000, polling: 'raf' },
    );
  }
}

const cam2 = (page: Page) => page.evaluate(() => window.twinverse!.features.video!.list().find((c) => c.id === 'cam-2'));
const label = (page: Page, id: string) => page.evaluate((i) => window.twinverse!.features.xr!.menuLabels()[i], id);

describe('cameras from VR (e2e)', () => {
  it('VC6 VC5: the wrist menu’s Cameras page projects a camera’s live picture onto the scene and stops it again', async () => {
    const { page } = await e2e.join('?space=e2e-vc6&name=Vera&xr=emulate');
    const rig = await enterVr(page);
    // The page lists the cameras whose screens stand in the space when it opens.
    await page.waitForFunction(() => window.twinverse!.features.video!.list().some((c) => c.id === 'cam-2'), undefined, {
      timeout: 60_000,
    });

    await rig.menu('camera-page', 'xr-menu');
    await page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === 'cameras', undefined, { timeout: 10_000 });
    expect(await label(page, 'page-project-cam-2')).toBe('Project Camera 2 (aisle)');
    expect((await cam2(page))!.projected).toBe(false);

    await rig.menu('page-project-cam-2', 'xr-page-cameras');
    await page.waitForFunction(
      () => window.twinverse!.features.video!.list().find((c) => c.id === 'cam-2')?.projected === true,
      undefined,
      {
        timeout: 10_000,
      },
    );
    // The live picture is drawn into the projection (its feed asked for, wherever the screen is).
    await page.waitForFunction(
      () => (window.twinverse!.features.video!.list().find((c) => c.id === 'cam-2')?.projectionFrames ?? 0) > 5,
      undefined,
      { timeout: 90_000 },
    );
    expect(await label(page, 'page-project-cam-2')).toBe('Stop projecting Camera 2 (aisle)');
    expect(e2e.server.video.viewerLinks).toBeGreaterThan(0);

    // For the picture: behind cam-2 and beside its pole, looking the way it looks (yaw 24.8°, down 22°).
    const yaw = (24.8 * Math.PI) / 180;
    const pitch = (-22 * Math.PI) / 180;
    const spot = { x: 3 + 3 * Math.sin(yaw) + 1.2 * Math.cos(yaw), y: 1.7, z: 4 + 3 * Math.cos(yaw) - 1.2 * Math.sin(yaw) };
    // Yaw about +Y, then pitch about the turned +X (WebXR frame, right-handed).
    const [sy, cy, sp, cp] = [Math.sin(yaw / 2), Math.cos(yaw / 2), Math.sin(pitch / 2), Math.cos(pitch / 2)];
    await headAt(page, spot, { x: cy * sp, y: sy * cp, z: -sy * sp, w: cy * cp });
    await e2e.shot(page, 'video-vr-projected');

    await headAt(page, HEAD, { x: 0, y: 0, z: 0, w: 1 });
    await rig.menu('page-project-cam-2', 'xr-page-cameras');
    await page.waitForFunction(
      () => window.twinverse!.features.video!.list().find((c) => c.id === 'cam-2')?.projected === false,
      undefined,
      {
        timeout: 10_000,
      },
    );
    expect(await label(page, 'page-project-cam-2')).toBe('Project Camera 2 (aisle)');
    await e2e.shot(page, 'video-vr-cameras-page');
  });
});
