/**
 * One emulated-Quest rig for the VR e2e tests (iwer, test builds only, `?xr=emulate`): enter VR with
 * the app's own #enter-vr button, hold the head at a known place, and drive controllers and hands
 * as a person would. Input is held for XR frames, not milliseconds: `frames()` waits until the XR
 * camera has shown a 1 mm head nudge, which proves a frame ran and read the input (on a busy machine
 * frames are just slower). Positions are in the WebXR frame, which is the protocol frame (iwer
 * ignores offset reference spaces: NOTES.md).
 */
import type { Page } from 'playwright-core';

export interface V {
  x: number;
  y: number;
  z: number;
}
export type Hand = 'left' | 'right';

/** Where a rig's head stands unless told: a step in front of the factory's machines, eyes at 1.7 m. */
export const HEAD: V = { x: 1, y: 1.7, z: 5 };

export interface XrRig {
  page: Page;
  /** This page's session id (its avatar on the server). */
  id: string;
  head: V;
  /** Waits until `n` XR frames have run from now (each shows a 1 mm head nudge on the XR camera). */
  frames(n?: number): Promise<void>;
  /** Presses a controller button for two frames, then releases it for two. */
  press(hand: Hand, button: string): Promise<void>;
  /** Pinches a tracked hand for two frames, then lets go for two. */
  pinch(hand: Hand): Promise<void>;
  /** Holds a controller at `from`, pointing at `target`. */
  aim(hand: Hand, from: V, target: V): Promise<void>;
  /**
   * Points the right controller at `target()` until its ray rests on `mesh`, then pulls the trigger.
   * The target is read again on each try: panels are placed (and the wrist menu rebuilt) as they
   * open, so a point read too early can miss. Fails naming what the ray hit instead.
   */
  click(what: string, target: () => Promise<V | undefined>, mesh: string): Promise<void>;
  /** `click` on a wrist-menu button, or a menu page's button or point (`page-…` on `xr-page-<name>`). */
  menu(id: string, mesh?: string): Promise<void>;
}

/** Runs `body` in the page with the emulator as `e` (for short input scripts). */
export async function emulate(page: Page, body: string): Promise<void> {
  await page.evaluate(`(() => { const e = window.twinverse.features.xr.emulator; ${body} })()`);
}

/**
 * Enters VR through the app's own button on a joined page (opened with `xr=emulate`) and holds the
 * head at `head`. `onMiss` is told when `click` gives up (e.g. to save a screenshot).
 */
export async function enterVr(page: Page, head: V = HEAD, onMiss?: (what: string) => Promise<unknown>): Promise<XrRig> {
  await page.locator('#enter-vr').click();
  await page.waitForFunction(() => window.twinverse!.features.xr!.active() === 'immersive-vr', undefined, { timeout: 30_000 });
  await page.evaluate((h) => window.twinverse!.features.xr!.emulator!.setHead(h), head);
  const id = await page.evaluate(() => window.twinverse!.selfId()!);
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
  const press = async (hand: Hand, button: string) => {
    await page.evaluate(([h, b]) => window.twinverse!.features.xr!.emulator!.button(h as Hand, b!, 1), [hand, button]);
    await frames(2);
    await page.evaluate(([h, b]) => window.twinverse!.features.xr!.emulator!.button(h as Hand, b!, 0), [hand, button]);
    await frames(2);
  };
  const click: XrRig['click'] = async (what, target, mesh) => {
    let hit: string | null = null;
    for (let i = 0; i < 4; i++) {
      const t = await target();
      if (!t) throw new Error(`nothing to point at: ${what}`);
      await page.evaluate((p) => window.twinverse!.features.xr!.emulator!.pointController('right', p), t);
      // Two frames before looking: the ray may still rest on the same panel from the last click, and a
      // trigger read in the frame that turns the controller can press where the ray pointed before.
      await frames(2);
      const ok = await page
        .waitForFunction((m) => window.twinverse!.features.xr!.pointerHit('right') === m, mesh, { timeout: 5_000 })
        .then(() => true)
        .catch(() => false);
      if (ok) return press('right', 'trigger');
      hit = await page.evaluate(() => window.twinverse!.features.xr!.pointerHit('right'));
    }
    await onMiss?.(what);
    throw new Error(`the ray at ${what} hits ${hit}, not ${mesh}`);
  };
  return {
    page,
    id,
    head,
    frames,
    press,
    async pinch(hand) {
      await page.evaluate((h) => window.twinverse!.features.xr!.emulator!.pinch(h, 1), hand);
      await frames(2);
      await page.evaluate((h) => window.twinverse!.features.xr!.emulator!.pinch(h, 0), hand);
      await frames(2);
    },
    async aim(hand, from, target) {
      await page.evaluate(
        ([h, f, t]) => {
          const e = window.twinverse!.features.xr!.emulator!;
          e.setController(h as Hand, f as V);
          e.pointController(h as Hand, t as V);
        },
        [hand, from, target] as const,
      );
    },
    click,
    menu: (id, mesh = 'xr-menu') => click(id, () => page.evaluate((i) => window.twinverse!.features.xr!.menuButtons()[i], id), mesh),
  };
}
