/**
 * A page in VR with its emulated Quest 3 (iwer, test builds only) held at a known place, and input
 * held for whole XR frames, not milliseconds: `frames()` waits until the XR camera has shown a 1 mm
 * head nudge, which proves a frame ran and read the input (on a busy machine frames are just slower).
 * `aim` points the right controller at a named target on a named mesh and presses the trigger, reading
 * the target again until the ray rests on that mesh (panels are placed as they open).
 */
import type { Page } from 'playwright-core';

interface V {
  x: number;
  y: number;
  z: number;
}

export interface XrRig {
  page: Page;
  frames(n?: number): Promise<void>;
  press(hand: 'left' | 'right', button: string): Promise<void>;
  /** Points at `target()` until the right ray hits `mesh`, then clicks with the trigger. */
  aim(what: string, target: () => Promise<V | undefined>, mesh: string): Promise<void>;
  /** `aim` at a wrist-menu button or a menu page's point (`page-…`), by id. */
  menu(id: string, mesh?: string): Promise<void>;
}

/** Enters VR through the app's own button and holds the head at `head`. */
export async function enterVrRig(page: Page, head: V = { x: 1, y: 1.7, z: 5 }): Promise<XrRig> {
  await page.locator('#enter-vr').click();
  await page.waitForFunction(() => window.twinverse!.features.xr!.active() === 'immersive-vr', undefined, { timeout: 30_000 });
  await page.evaluate((h) => window.twinverse!.features.xr!.emulator!.setHead(h), head);
  let nudge = 0;
  const frames = async (n = 1) => {
    for (let i = 0; i < n; i++) {
      nudge = nudge === 0 ? 0.001 : 0;
      const target = { ...head, y: head.y + nudge };
      await page.evaluate((h) => window.twinverse!.features.xr!.emulator!.setHead(h), target);
      await page.waitForFunction(
        (t) => {
          const h = window.twinverse!.features.xr!.head();
          return !!h && Math.abs(h.y - t.y) < 2e-4;
        },
        target,
        { timeout: 20_000, polling: 'raf' },
      );
    }
  };
  const press = async (hand: 'left' | 'right', button: string) => {
    await page.evaluate(([h, b]) => window.twinverse!.features.xr!.emulator!.button(h as 'left', b!, 1), [hand, button]);
    await frames(2);
    await page.evaluate(([h, b]) => window.twinverse!.features.xr!.emulator!.button(h as 'left', b!, 0), [hand, button]);
    await frames(2);
  };
  const aim: XrRig['aim'] = async (what, target, mesh) => {
    let hit: string | null = null;
    for (let i = 0; i < 4; i++) {
      const t = await target();
      if (!t) throw new Error(`no target ${what}`);
      await page.evaluate((p) => window.twinverse!.features.xr!.emulator!.pointController('right', p), t);
      const ok = await page
        .waitForFunction((m) => window.twinverse!.features.xr!.pointerHit('right') === m, mesh, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (ok) return press('right', 'trigger');
      hit = await page.evaluate(() => window.twinverse!.features.xr!.pointerHit('right'));
    }
    throw new Error(`the ray at ${what} hits ${hit}, not ${mesh}`);
  };
  return {
    page,
    frames,
    press,
    aim,
    menu: (id, mesh = 'xr-menu') => aim(id, () => page.evaluate((i) => window.twinverse!.features.xr!.menuButtons()[i], id), mesh),
  };
}
