/**
 * VR through the app with an emulated Meta Quest 3 (iwer, test builds only) in headless Chromium,
 * watched by a desktop page. Tolerances: the head within 5 cm of where the emulator put it; a hand
 * within 10 cm (a Touch controller's grip sits a few centimetres from its tracked origin).
 * Note (NOTES.md): iwer ignores offset reference spaces, so after a teleport or snap turn the camera
 * snaps back; we assert Babylon's teleport observables and what the server received instead.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.js';
import { PoseFlag } from '../../shared/protocol/pose.js';

/** Controller orientations (WebXR frame): level, and a quarter turn about +Y. */
const LEVEL = { x: 0, y: 0, z: 0, w: 1 };
const QUARTER_TURN = { x: 0, y: Math.SQRT1_2, z: 0, w: Math.SQRT1_2 };
let e2e: E2E;

beforeAll(async () => {
  e2e = await startE2E();
});
afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await e2e?.close();
});

interface V {
  x: number;
  y: number;
  z: number;
}
const dist = (a: V, b: V) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);
const xrApi = 'window.twinverse.features.xr';

async function emulate(page: Page, body: string): Promise<void> {
  await page.evaluate(`(() => { const e = ${xrApi}.emulator; ${body} })()`);
}

/** Points the right controller at a menu button (on `panel`) and clicks it with the trigger. */
async function clickMenu(page: Page, id: string, panel = 'xr-menu'): Promise<void> {
  const target = await page.evaluate((i) => window.twinverse!.features.xr!.menuButtons()[i], id);
  expect(target, `menu button ${id}`).toBeTruthy();
  await page.evaluate((t) => window.twinverse!.features.xr!.emulator!.pointController('right', t!), target);
  await page.waitForFunction((p) => window.twinverse!.features.xr!.pointerHit('right') === p, panel, { timeout: 10_000 });
  await emulate(page, `e.button('right', 'trigger', 1);`);
  await page.waitForTimeout(300);
  await emulate(page, `e.button('right', 'trigger', 0);`);
  await page.waitForTimeout(300);
}

describe('VR from an emulated Quest 3 (e2e)', () => {
  it('X1–X6 X8: enter VR, head and hands reach the desktop page, teleport and snap turn, hand tracking, near grab, menu, exit', async () => {
    const a = await e2e.join('?space=e2e-xr&name=Vera&xr=emulate');
    const b = await e2e.join('?space=e2e-xr&name=Desk');
    const idA = await a.page.evaluate(() => window.twinverse!.selfId()!);

    // X1: buttons only where the mode is supported (the emulated Quest 3 has both; plain Chromium neither).
    expect(await a.page.locator('#enter-vr').isVisible()).toBe(true);
    expect(await a.page.locator('#enter-ar').isVisible()).toBe(true);
    expect(await b.page.locator('#enter-vr').isVisible()).toBe(false);
    expect(await b.page.locator('#enter-ar').isVisible()).toBe(false);

    // Enter through the app's own button; the room connection is untouched.
    await a.page.locator('#enter-vr').click();
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.active() === 'immersive-vr');
    await b.page.waitForFunction((i) => window.twinverse!.people().find((p) => p.id === i)?.mode === 'vr', idA);
    expect(await a.page.evaluate(() => window.twinverse!.status().state)).toBe('connected');

    // X2: move the headset and both controllers; B draws A's head and right hand there.
    const head = { x: 1, y: 1.7, z: 5 };
    const right = { x: 1.3, y: 1.35, z: 4.6 };
    await a.page.evaluate(
      ([h, r]) => {
        const e = window.twinverse!.features.xr!.emulator!;
        e.setHead(h);
        e.setController('right', r);
        e.setController('left', { x: h.x - 0.3, y: 1.35, z: h.z - 0.4 });
      },
      [head, right] as const,
    );
    await b.page.waitForFunction(
      ([i, h]) => {
        const r = window.twinverse!.rendered(i as string);
        const t = h as V;
        return !!r && Math.hypot(r.head.x - t.x, r.head.y - t.y, r.head.z - t.z) < 0.05;
      },
      [idA, head] as const,
      { timeout: 20_000 },
    );
    await b.page.waitForTimeout(400); // interpolation settles
    const seen = (await b.page.evaluate((i) => window.twinverse!.rendered(i), idA))!;
    expect(dist(seen.head, head)).toBeLessThan(0.05);
    expect(dist(seen.right, right)).toBeLessThan(0.1);
    const sent = await a.page.evaluate(() => window.twinverse!.localPose());
    expect(sent.flags & PoseFlag.RIGHT_TRACKED).toBeTruthy();
    await e2e.shot(a.page, 'xr-view');
    // B steps back to face A squarely and folds the controls card, for the picture.
    await b.page.evaluate(() => {
      window.twinverse!.teleport(1, 8.5, 0);
      if (!document.getElementById('help')?.hidden) window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH' }));
    });
    await b.page.waitForTimeout(1500);
    await e2e.shot(b.page, 'xr-seen-from-desktop');

    // X5: the menu on the left wrist — open Settings with the ray and trigger.
    await clickMenu(a.page, 'settings');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === 'settings', undefined, { timeout: 10_000 });
    await e2e.shot(a.page, 'xr-menu-settings');
    await clickMenu(a.page, 'page-close', 'xr-page-settings');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === null, undefined, { timeout: 10_000 });

    // The menu's Mute (a meeting action) mutes A for everyone; pressing it again unmutes.
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuLabels().mute === 'Mute', undefined, { timeout: 20_000 });
    await clickMenu(a.page, 'mute');
    await b.page.waitForFunction((i) => window.twinverse!.people().find((p) => p.id === i)?.muted === true, idA, { timeout: 10_000 });
    expect(await a.page.evaluate(() => window.twinverse!.features.xr!.menuLabels().mute)).toBe('Unmute');
    await clickMenu(a.page, 'mute');
    await b.page.waitForFunction((i) => window.twinverse!.people().find((p) => p.id === i)?.muted === false, idA, { timeout: 10_000 });

    // The ray selects machines too: point at the conveyor, pull the trigger, its panel opens.
    const belt = (await a.page.evaluate(() => window.twinverse!.features.twins!.worldPoint('conveyor-1')))!;
    await a.page.evaluate((t) => window.twinverse!.features.xr!.emulator!.pointController('right', t), belt);
    await a.page.waitForFunction(() => (window.twinverse!.features.xr!.pointerHit('right') ?? '').startsWith('conveyor-1/'), undefined, {
      timeout: 10_000,
    });
    await emulate(a.page, `e.button('right', 'trigger', 1);`);
    await a.page.waitForTimeout(300);
    await emulate(a.page, `e.button('right', 'trigger', 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panel()?.twin === 'conveyor-1', undefined, { timeout: 10_000 });
    await e2e.shot(a.page, 'xr-twin-panel');
    await a.page.evaluate(() => window.twinverse!.features.twins!.closePanel());

    // X8 near grab: the right controller reaches the conveyor's pallet, which lights up; its ray steps
    // aside; the grip button takes the pallet, which follows the hand for B too; letting go puts it down.
    const pallet = (await a.page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')))!;
    const reach = (await a.page.evaluate(() => window.twinverse!.features.twins!.worldPoint('conveyor-1', 'pallet')))!;
    // Held level (identity orientation), so the turn below is a known quarter turn.
    /** The right controller at the pallet, `dx` metres along +x, turned `q` (WebXR frame). */
    const holdAt = (dx: number, q: typeof LEVEL) =>
      a.page.evaluate(([t, d, o]) => window.twinverse!.features.xr!.emulator!.setController('right', { ...t, x: t.x + d }, o), [
        reach,
        dx,
        q,
      ] as const);
    await holdAt(0, LEVEL);
    await a.page.waitForFunction(
      () => window.twinverse!.features.xr!.nearGrab().some((h) => h.hand === 'right' && h.near === 'conveyor-1/pallet' && h.lit),
      undefined,
      { timeout: 10_000 },
    );
    expect((await a.page.evaluate(() => window.twinverse!.features.xr!.nearGrab())).find((h) => h.hand === 'right')?.rayOff).toBe(true);
    await emulate(a.page, `e.button('right', 'squeeze', 1);`);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.holding()?.granted === true, undefined, { timeout: 10_000 });
    await b.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holderName === 'Vera', undefined, {
      timeout: 10_000,
    });
    await holdAt(0.5, LEVEL);
    await b.page.waitForFunction(
      (x0) => (window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.p[0] ?? x0) > x0 + 0.4,
      pallet.p[0],
      { timeout: 10_000 },
    );
    // The pallet turns with the hand: a quarter turn of the controller about +Y is a quarter turn of
    // the pallet at B; turning back brings it back.
    const turnFromRest = async () => {
      const q = (await b.page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')))!.q;
      const dot = Math.abs(q[0] * pallet.q[0] + q[1] * pallet.q[1] + q[2] * pallet.q[2] + q[3] * pallet.q[3]);
      return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
    };
    await holdAt(0.5, QUARTER_TURN);
    await expect.poll(turnFromRest, { timeout: 10_000, interval: 100 }).toBeGreaterThan(85);
    expect(await turnFromRest()).toBeLessThan(95);
    await e2e.shot(b.page, 'xr-pallet-turned-seen-by-b');
    await holdAt(0.5, LEVEL);
    await expect.poll(turnFromRest, { timeout: 10_000, interval: 100 }).toBeLessThan(5);
    await emulate(a.page, `e.button('right', 'squeeze', 0);`);
    await b.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holder === '', undefined, {
      timeout: 10_000,
    });
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.holding())).toBeNull();
    const put = (await b.page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')))!;
    expect(put.p[0] - pallet.p[0]).toBeGreaterThan(0.4);
    expect(Math.abs(put.p[2] - pallet.p[2])).toBeLessThan(0.1);

    // X3: teleport — aim at the floor ahead, thumbstick forward, release.
    b.page.evaluate((i) => window.twinverse!.headTrail(i), idA).catch(() => undefined);
    await emulate(a.page, `e.setController('right', { x: 1.3, y: 1.35, z: 4.6 }); e.pointController('right', { x: 1.3, y: 0, z: 1.5 });`);
    await a.page.waitForTimeout(200);
    await emulate(a.page, `e.axes('right', 'thumbstick', 0, -1);`);
    await a.page.waitForTimeout(800);
    await emulate(a.page, `e.axes('right', 'thumbstick', 0, 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.teleports() === 1, undefined, { timeout: 10_000 });
    const landed = (await a.page.evaluate(() => window.twinverse!.features.xr!.lastTeleport()))!;
    expect(landed.z).toBeLessThan(head.z - 1); // forward is −Z
    // The server accepted the teleported pose and B drew A there.
    await b.page.waitForFunction(
      ([i, l]) => window.twinverse!.headTrail(i as string).some((p) => Math.hypot(p.x - (l as V).x, p.z - (l as V).z) < 0.3),
      [idA, landed] as const,
      { timeout: 10_000 },
    );

    // Snap turn: thumbstick right and back.
    await emulate(a.page, `e.axes('right', 'thumbstick', 1, 0);`);
    await a.page.waitForTimeout(300);
    await emulate(a.page, `e.axes('right', 'thumbstick', 0, 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.turns() >= 1, undefined, { timeout: 10_000 });

    // X4: hand tracking — A's avatar hand follows the emulated hand.
    await emulate(a.page, `e.inputMode('hand');`);
    const hand = { x: 0.6, y: 1.4, z: 4.5 };
    await a.page.evaluate((h) => {
      const e = window.twinverse!.features.xr!.emulator!;
      e.setHead({ x: 1, y: 1.7, z: 5 });
      e.setHand('right', h);
      e.setHand('left', { x: 1.3, y: 1.4, z: 4.6 });
    }, hand);
    await a.page.waitForFunction(() => (window.twinverse!.localPose().flags & 8) !== 0, undefined, { timeout: 10_000 });
    await b.page.waitForFunction(
      ([i, h]) => {
        const r = window.twinverse!.rendered(i as string);
        const t = h as V;
        return !!r && Math.hypot(r.right.x - t.x, r.right.y - t.y, r.right.z - t.z) < 0.1;
      },
      [idA, hand] as const,
      { timeout: 20_000 },
    );
    expect(await a.page.evaluate(() => window.twinverse!.features.xr!.handJointsVisible())).toBeGreaterThan(10);
    await e2e.shot(a.page, 'xr-hands');
    // The pinch selects: aim the right hand's ray at the wrist menu's People button and pinch.
    await a.page.waitForFunction(() => !!window.twinverse!.features.xr!.menuButtons().people, undefined, { timeout: 10_000 });
    const people = await a.page.evaluate(() => window.twinverse!.features.xr!.menuButtons().people!);
    await a.page.evaluate((t) => window.twinverse!.features.xr!.emulator!.pointHand('right', t), people);
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.pointerHit('right') === 'xr-menu', undefined, { timeout: 10_000 });
    await emulate(a.page, `e.pinch('right', 1);`);
    await a.page.waitForTimeout(400);
    await emulate(a.page, `e.pinch('right', 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === 'people', undefined, { timeout: 10_000 });

    // X8: a tracked hand grabs by pinching at the part: bring the right hand's pinch point to the pallet.
    const palletNow = (await a.page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')))!;
    const at = (await a.page.evaluate(() => window.twinverse!.features.twins!.worldPoint('conveyor-1', 'pallet')))!;
    const pinchNear = (target: V, within: number) =>
      a.page.waitForFunction(
        ([t, w]) => {
          const h = window.twinverse!.features.xr!.nearGrab().find((x) => x.hand === 'right');
          return !!h && Math.hypot(h.point.x - t.x, h.point.y - t.y, h.point.z - t.z) < w;
        },
        [target, within] as const,
        { timeout: 10_000 },
      );
    await a.page.evaluate((t) => window.twinverse!.features.xr!.emulator!.setHand('right', t), at);
    await pinchNear(at, 0.3); // the joints have followed the hand
    // The pinch point sits a little ahead of the hand's origin: move the hand by that much.
    const off = (await a.page.evaluate(() => window.twinverse!.features.xr!.nearGrab())).find((h) => h.hand === 'right')!.point;
    const handAt = { x: 2 * at.x - off.x, y: 2 * at.y - off.y, z: 2 * at.z - off.z };
    await a.page.evaluate((t) => window.twinverse!.features.xr!.emulator!.setHand('right', t), handAt);
    await pinchNear(at, 0.05);
    await a.page.waitForFunction(
      () => window.twinverse!.features.xr!.nearGrab().some((h) => h.hand === 'right' && h.near === 'conveyor-1/pallet' && h.rayOff),
      undefined,
      { timeout: 10_000 },
    );
    await emulate(a.page, `e.pinch('right', 1);`);
    await a.page
      .waitForFunction(() => window.twinverse!.features.twins!.holding()?.granted === true, undefined, { timeout: 10_000 })
      .catch(async (err) => {
        const seen = await a.page.evaluate(() => ({
          near: window.twinverse!.features.xr!.nearGrab(),
          holding: window.twinverse!.features.twins!.holding(),
          part: window.twinverse!.features.twins!.part('conveyor-1', 'pallet'),
          panel: window.twinverse!.features.twins!.panel()?.twin,
        }));
        throw new Error(`the pinch at the pallet did not take it: ${JSON.stringify(seen)} ${JSON.stringify(a.errors)}`, { cause: err });
      });
    await a.page.evaluate((t) => window.twinverse!.features.xr!.emulator!.setHand('right', { ...t, z: t.z + 0.4 }), handAt);
    await b.page.waitForFunction(
      (z0) => (window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.p[2] ?? z0) > z0 + 0.3,
      palletNow.p[2],
      { timeout: 10_000 },
    );
    await emulate(a.page, `e.pinch('right', 0);`);
    await b.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holder === '', undefined, {
      timeout: 10_000,
    });
    // The pinch took the pallet and opened no panel (the ray was off while the hand was at it).
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.panel())).toBeNull();

    // X6: leaving VR keeps the session; A is a desktop user again.
    await a.page.evaluate(() => window.twinverse!.features.xr!.exit());
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.active() === null, undefined, { timeout: 10_000 });
    await b.page.waitForFunction((i) => window.twinverse!.people().find((p) => p.id === i)?.mode === 'desktop', idA);
    expect(await a.page.evaluate(() => window.twinverse!.selfId())).toBe(idA);
    expect(a.errors.filter((e) => !/server refused pose/.test(e))).toEqual([]);
    await a.context.close();
    await b.context.close();
  });

  it('X7: a session that cannot start leaves the user on the desktop with the reason', async () => {
    const a = await e2e.join('?space=e2e-xr-fail&name=NoAR&xr=emulate-vr');
    expect(await a.page.locator('#enter-ar').isVisible()).toBe(false);
    const ok = await a.page.evaluate(() => window.twinverse!.features.xr!.enter('immersive-ar'));
    expect(ok).toBe(false);
    const reason = await a.page.evaluate(() => window.twinverse!.features.xr!.lastError());
    expect(reason).toMatch(/Could not start AR/);
    await expect.poll(() => a.page.locator('.notice.error').first().textContent()).toMatch(/Could not start AR/);
    // Still connected, still walking on the desktop.
    expect(await a.page.evaluate(() => window.twinverse!.status().state)).toBe('connected');
    // W walks (held until the first metres show: SwiftShader may draw under one frame a second here).
    const before = await a.page.evaluate(() => window.twinverse!.player());
    await a.page.keyboard.down('KeyW');
    await a.page.waitForFunction((b) => Math.hypot(window.twinverse!.player().x - b.x, window.twinverse!.player().z - b.z) > 0.2, before, {
      timeout: 20_000,
    });
    await a.page.keyboard.up('KeyW');
    await a.context.close();
  });
});
