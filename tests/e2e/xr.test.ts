/**
 * VR through the app with an emulated Meta Quest 3 (iwer, test builds only) in headless Chromium,
 * watched by a desktop page where a rule is about what others see. Each test opens its own pages in
 * a space of its own, so one failure names one rule. Tolerances: the head within 5 cm of where the
 * emulator put it; a hand within 10 cm (a Touch controller's grip sits a few centimetres from its
 * tracked origin).
 * Note (NOTES.md): iwer ignores offset reference spaces, so after a teleport or snap turn the camera
 * snaps back; we assert Babylon's teleport observables and what the server received instead.
 * The emulated headset is driven through one rig (tests/support/xrRig.ts): input held for XR frames,
 * not milliseconds.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';
import { join } from '../support/clients.js';
import type { OpenedPage } from '../support/browser.js';
import { serverAvatar, serverPoseOf } from '../support/server.js';
import { waitForAsync } from '../support/wait.js';
import { PoseFlag } from '../../shared/protocol/pose.js';
import { emulate, enterVr as enterVrRig, HEAD, type V, type XrRig } from '../support/xrRig.js';

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

const dist = (a: V, b: V) => Math.hypot(a.x - b.x, a.y - b.y, a.z - b.z);

/** Opens `space` in VR through the app's own button (and a desktop watcher when `watched`). */
async function enterVr(space: string, watched: boolean): Promise<{ a: OpenedPage; b: OpenedPage | null; vr: XrRig }> {
  const a = await e2e.join(`?space=${space}&name=Vera&xr=emulate`);
  const b = watched ? await e2e.join(`?space=${space}&name=Desk`) : null;
  return { a, b, vr: await enterVrRig(a.page, HEAD, () => e2e.shot(a.page, 'xr-missed')) };
}

/** Until the server's record of the avatar passes `ok`: what every other page is sent. */
const onServer = (what: string, id: string, ok: (a: NonNullable<Awaited<ReturnType<typeof serverAvatar>>>) => boolean) =>
  waitForAsync(
    what,
    async () => {
      const a = await serverAvatar(id);
      return !!a && ok(a);
    },
    30_000,
    50,
  );

describe('VR from an emulated Quest 3 (e2e)', () => {
  it('X1: Enter VR and Enter AR show only where the mode is supported', async () => {
    const a = await e2e.join('?space=e2e-x1&name=Vera&xr=emulate');
    const b = await e2e.join('?space=e2e-x1&name=Desk');
    // The emulated Quest 3 has both modes; plain Chromium neither.
    expect(await a.page.locator('#enter-vr').isVisible()).toBe(true);
    expect(await a.page.locator('#enter-ar').isVisible()).toBe(true);
    expect(await b.page.locator('#enter-vr').isVisible()).toBe(false);
    expect(await b.page.locator('#enter-ar').isVisible()).toBe(false);
  });

  it('X6: entering and leaving VR keeps the room; mode goes vr and back to desktop for everyone', async () => {
    const { a, vr } = await enterVr('e2e-x6', false);
    await onServer('mode vr on the server', vr.id, (av) => av.mode === 'vr');
    expect(await a.page.evaluate(() => window.twinverse!.status().state)).toBe('connected');
    await a.page.evaluate(() => window.twinverse!.features.xr!.exit());
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.active() === null, undefined, { timeout: 10_000 });
    await onServer('mode desktop on the server', vr.id, (av) => av.mode === 'desktop');
    expect(await a.page.evaluate(() => window.twinverse!.selfId())).toBe(vr.id);
    expect(await a.page.evaluate(() => window.twinverse!.status().state)).toBe('connected');
    expect(a.errors).toEqual([]);
  });

  it('X2: the desktop page draws the VR user’s head and hands where the headset and controllers are', async () => {
    const { a, b, vr } = await enterVr('e2e-x2', true);
    const right = { x: 1.3, y: 1.35, z: 4.6 };
    await a.page.evaluate(
      ([h, r]) => {
        const e = window.twinverse!.features.xr!.emulator!;
        e.setController('right', r);
        e.setController('left', { x: h.x - 0.3, y: 1.35, z: h.z - 0.4 });
      },
      [HEAD, right] as const,
    );
    await b!.page.waitForFunction((i) => window.twinverse!.people().find((p) => p.id === i)?.mode === 'vr', vr.id);
    // Interpolation settles on both: wait for the drawn head and hand, not for a time.
    await b!.page.waitForFunction(
      ([i, h, r]) => {
        const d = window.twinverse!.rendered(i as string);
        const [t, u] = [h as V, r as V];
        return (
          !!d &&
          Math.hypot(d.head.x - t.x, d.head.y - t.y, d.head.z - t.z) < 0.05 &&
          Math.hypot(d.right.x - u.x, d.right.y - u.y, d.right.z - u.z) < 0.1
        );
      },
      [vr.id, HEAD, right] as const,
      { timeout: 20_000 },
    );
    const seen = (await b!.page.evaluate((i) => window.twinverse!.rendered(i), vr.id))!;
    expect(dist(seen.head, HEAD)).toBeLessThan(0.05);
    expect(dist(seen.right, right)).toBeLessThan(0.1);
    const sent = await a.page.evaluate(() => window.twinverse!.localPose());
    expect(sent.flags & PoseFlag.RIGHT_TRACKED).toBeTruthy();
    await e2e.shot(a.page, 'xr-view');
    // B steps back to face A squarely and folds the controls card, for the picture.
    await b!.page.evaluate(() => {
      window.twinverse!.teleport(1, 8.5, 0);
      if (!document.getElementById('help')?.hidden) window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH' }));
    });
    await b!.page.waitForFunction(
      () => Math.abs(window.twinverse!.player().z - 8.5) < 0.01 && document.getElementById('help')?.hidden !== false,
    );
    await e2e.shot(b!.page, 'xr-seen-from-desktop');
  });

  it('X5 AV6 PN11: the wrist menu opens Settings and Avatar with the ray and trigger (a colour picked there is worn); its Mute mutes the VR user for everyone and back', async () => {
    const { a, vr } = await enterVr('e2e-x5', false);
    // AV6: the Avatar page; a colour pressed there is what the server gives (nobody else wears it).
    await vr.menu('avatar');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === 'avatar', undefined, { timeout: 10_000 });
    await vr.menu('page-color-#7b61ff', 'xr-page-avatar');
    await onServer('the VR user wears #7b61ff', vr.id, (x) => x.color === '#7b61ff');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuLabels()['page-color-#7b61ff'] === '✓', undefined, {
      timeout: 10_000,
    });
    // PN11: the page's labels and its note read on a Quest (28 texture px or more, as PN10's), its
    // buttons stay ray-sized, and it all fits the page (no row below its bottom, no note cut).
    await a.page.waitForFunction(() => (window.twinverse!.features.xr!.menuTextSizes()['avatar-note'] ?? 0) > 0, undefined, {
      timeout: 10_000,
    });
    const sizes = await a.page.evaluate(() => window.twinverse!.features.xr!.menuTextSizes());
    expect(Object.keys(sizes), JSON.stringify(sizes)).toEqual(expect.arrayContaining(['avatar-note', 'avatar-style-visor_button']));
    expect(Math.min(...Object.values(sizes)), JSON.stringify(sizes)).toBeGreaterThanOrEqual(28);
    const fit = (await a.page.evaluate(() => window.twinverse!.features.xr!.menuPageFit()))!;
    expect(Math.min(...Object.values(fit.buttons)), JSON.stringify(fit.buttons)).toBeGreaterThanOrEqual(72);
    expect(fit.bottom).toBeLessThanOrEqual(fit.height);
    expect(fit.cut).toEqual([]);
    await e2e.shot(a.page, 'xr-menu-avatar');
    // PN11: AV3's longest notice fits the note whole. Someone here wears #e4572e; the VR user asks for it.
    const bot = await join(e2e.server.url, { space: 'e2e-x5', name: 'Bo', color: '#e4572e' });
    try {
      await vr.menu('page-color-#e4572e', 'xr-page-avatar');
      await a.page.waitForFunction(
        () => /already wears/.test(window.twinverse!.features.xr!.menuPageFit()?.wrapped['avatar-note'] ?? ''),
        undefined,
        { timeout: 10_000 },
      );
      const notice = (await a.page.evaluate(() => window.twinverse!.features.xr!.menuPageFit()))!;
      expect(notice.cut, JSON.stringify(notice.wrapped)).toEqual([]);
      expect(notice.bottom).toBeLessThanOrEqual(notice.height);
      expect((await a.page.evaluate(() => window.twinverse!.features.xr!.menuTextSizes()))['avatar-note']).toBeGreaterThanOrEqual(28);
      await e2e.shot(a.page, 'xr-menu-avatar-notice');
    } finally {
      await bot.room.leave().catch(() => undefined);
    }
    await vr.menu('page-close', 'xr-page-avatar');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === null, undefined, { timeout: 10_000 });
    await vr.menu('settings');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === 'settings', undefined, { timeout: 10_000 });
    await e2e.shot(a.page, 'xr-menu-settings');
    await vr.menu('page-close', 'xr-page-settings');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === null, undefined, { timeout: 10_000 });
    // `people()` is the synced state: muted there means the server took it, as everyone sees it.
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuLabels().mute === 'Mute', undefined, { timeout: 20_000 });
    await vr.menu('mute');
    await a.page.waitForFunction((i) => window.twinverse!.people().find((p) => p.id === i)?.muted === true, vr.id, { timeout: 10_000 });
    expect(await a.page.evaluate(() => window.twinverse!.features.xr!.menuLabels().mute)).toBe('Unmute');
    await vr.menu('mute');
    await a.page.waitForFunction((i) => window.twinverse!.people().find((p) => p.id === i)?.muted === false, vr.id, { timeout: 10_000 });
  });

  it('T3: in VR the controller ray and trigger open a machine’s panel', async () => {
    const { a, vr } = await enterVr('e2e-xr-t3', false);
    const belt = (await a.page.evaluate(() => window.twinverse!.features.twins!.worldPoint('conveyor-1')))!;
    await a.page.evaluate((t) => window.twinverse!.features.xr!.emulator!.pointController('right', t), belt);
    await a.page.waitForFunction(() => (window.twinverse!.features.xr!.pointerHit('right') ?? '').startsWith('conveyor-1/'), undefined, {
      timeout: 10_000,
    });
    await vr.press('right', 'trigger');
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panel()?.twin === 'conveyor-1', undefined, { timeout: 10_000 });
    await e2e.shot(a.page, 'xr-twin-panel');
  });

  it('NT7: in VR the wrist menu’s Write note opens a board; a kind and two quick phrases pressed with the ray pin a note everyone can list', async () => {
    const { a, vr } = await enterVr('e2e-xr-nt7', false);
    const twins = 'window.twinverse.features.twins';
    await a.page.evaluate(() => window.twinverse!.features.twins!.openPanel('conveyor-1'));
    await a.page.waitForFunction(() => !!window.twinverse!.features.xr!.menuButtons()['twin-note'], undefined, { timeout: 20_000 });
    // The wrist menu is rebuilt when an action comes or goes, and the board is placed as it opens: the
    // rig reads a target again until the ray rests on it.
    const press = (id: string) =>
      vr.click(id, () => a.page.evaluate((i) => window.twinverse!.features.twins!.noteBoard()?.buttons[i], id), 'twin-note-board');
    await vr.menu('twin-note');
    await a.page.waitForFunction(`${twins}.noteBoard()?.twin === 'conveyor-1'`, undefined, { timeout: 20_000 });
    await press('kind:observation');
    await a.page.waitForFunction(`${twins}.noteBoard().kind === 'observation'`, undefined, { timeout: 10_000 });
    await press('phrase:0');
    await press('phrase:2');
    await a.page.waitForFunction(`${twins}.noteBoard().text === 'Unusual noise. Running hot.'`, undefined, { timeout: 10_000 });
    await e2e.shot(a.page, 'xr-note-board');
    await press('pin');
    await a.page.waitForFunction(`${twins}.noteBoard().status.startsWith('Pinned')`, undefined, { timeout: 10_000 });
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.noteBoard()!.text)).toBe('');
    const notes = await waitForAsync(
      'the note in the notes API',
      async () => {
        const r = await fetch(`http://127.0.0.1:${e2e.server.port}/api/twins/conveyor-1/notes`);
        const body = (await r.json()) as { notes: { kind: string; text: string; by: string }[] };
        return body.notes.length > 0 ? body.notes : undefined;
      },
      20_000,
      100,
    );
    expect(notes.map((n) => ({ kind: n.kind, text: n.text, by: n.by }))).toEqual([
      { kind: 'observation', text: 'Unusual noise. Running hot.', by: 'Vera' },
    ]);
  });

  it('X8: a controller’s grip at a part lights it, turns the ray off, takes it; the part follows and turns with the hand', async () => {
    const { a } = await enterVr('e2e-x8-grip', false);
    const part = () => a.page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet'));
    const pallet = (await part())!;
    const reach = (await a.page.evaluate(() => window.twinverse!.features.twins!.worldPoint('conveyor-1', 'pallet')))!;
    /** The right controller at the pallet, `dx` metres along +x, turned `q` (WebXR frame). */
    const holdAt = (dx: number, q: typeof LEVEL) =>
      a.page.evaluate(([t, d, o]) => window.twinverse!.features.xr!.emulator!.setController('right', { ...t, x: t.x + d }, o), [
        reach,
        dx,
        q,
      ] as const);
    // Held level (identity orientation), so the turn below is a known quarter turn.
    await holdAt(0, LEVEL);
    await a.page.waitForFunction(
      () => window.twinverse!.features.xr!.nearGrab().some((h) => h.hand === 'right' && h.near === 'conveyor-1/pallet' && h.lit),
      undefined,
      { timeout: 10_000 },
    );
    expect((await a.page.evaluate(() => window.twinverse!.features.xr!.nearGrab())).find((h) => h.hand === 'right')?.rayOff).toBe(true);
    await emulate(a.page, `e.button('right', 'squeeze', 1);`);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.holding()?.granted === true, undefined, { timeout: 10_000 });
    // The part's state is the server's (synced): what every page sees.
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holderName === 'Vera', undefined, {
      timeout: 10_000,
    });
    await holdAt(0.5, LEVEL);
    await expect.poll(async () => (await part())!.p[0], { timeout: 10_000, interval: 100 }).toBeGreaterThan(pallet.p[0] + 0.4);
    const turnFromRest = async () => {
      const q = (await part())!.q;
      const dot = Math.abs(q[0] * pallet.q[0] + q[1] * pallet.q[1] + q[2] * pallet.q[2] + q[3] * pallet.q[3]);
      return (2 * Math.acos(Math.min(1, dot)) * 180) / Math.PI;
    };
    await holdAt(0.5, QUARTER_TURN);
    await expect.poll(turnFromRest, { timeout: 10_000, interval: 100 }).toBeGreaterThan(85);
    expect(await turnFromRest()).toBeLessThan(95);
    await e2e.shot(a.page, 'xr-pallet-turned');
    await holdAt(0.5, LEVEL);
    await expect.poll(turnFromRest, { timeout: 10_000, interval: 100 }).toBeLessThan(5);
    await emulate(a.page, `e.button('right', 'squeeze', 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holder === '', undefined, {
      timeout: 10_000,
    });
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.holding())).toBeNull();
    const put = (await part())!;
    expect(put.p[0] - pallet.p[0]).toBeGreaterThan(0.4);
    expect(Math.abs(put.p[2] - pallet.p[2])).toBeLessThan(0.1);
  });

  it('X3: thumbstick forward at the floor and release teleports, and the server takes the pose; thumbstick right snap-turns', async () => {
    const { a, b, vr } = await enterVr('e2e-x3', true);
    b!.page.evaluate((i) => window.twinverse!.headTrail(i), vr.id).catch(() => undefined);
    await emulate(a.page, `e.setController('right', { x: 1.3, y: 1.35, z: 4.6 }); e.pointController('right', { x: 1.3, y: 0, z: 1.5 });`);
    await vr.frames(2);
    // Held forward for frames enough to aim and show the landing spot, then released.
    await emulate(a.page, `e.axes('right', 'thumbstick', 0, -1);`);
    await vr.frames(12);
    await emulate(a.page, `e.axes('right', 'thumbstick', 0, 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.teleports() === 1, undefined, { timeout: 10_000 });
    const landed = (await a.page.evaluate(() => window.twinverse!.features.xr!.lastTeleport()))!;
    expect(landed.z).toBeLessThan(HEAD.z - 1); // forward is −Z
    // The server accepted the teleported pose and B drew A there (B's trail of A's head: under iwer
    // the camera snaps back afterwards, so the landing is looked for in the trail).
    await b!.page.waitForFunction(
      ([i, l]) => window.twinverse!.headTrail(i as string).some((p) => Math.hypot(p.x - (l as V).x, p.z - (l as V).z) < 0.3),
      [vr.id, landed] as const,
      { timeout: 30_000 },
    );
    // Snap turn: held right until it turned, then back.
    await emulate(a.page, `e.axes('right', 'thumbstick', 1, 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.turns() >= 1, undefined, { timeout: 10_000 });
    await emulate(a.page, `e.axes('right', 'thumbstick', 0, 0);`);
  });

  it('X4: with hand tracking the avatar’s hand follows the tracked hand for others, and the pinch selects', async () => {
    const { a, vr } = await enterVr('e2e-x4', false);
    await emulate(a.page, `e.inputMode('hand');`);
    const hand = { x: 0.6, y: 1.4, z: 4.5 };
    await a.page.evaluate((h) => {
      const e = window.twinverse!.features.xr!.emulator!;
      e.setHand('right', h);
      e.setHand('left', { x: 1.3, y: 1.4, z: 4.6 });
    }, hand);
    await a.page.waitForFunction((f) => (window.twinverse!.localPose().flags & f) !== 0, PoseFlag.HAND_TRACKING, { timeout: 10_000 });
    // The server has the tracked hand where it is: what every other page draws.
    await waitForAsync(
      'the tracked hand on the server',
      async () => {
        const p = await serverPoseOf(vr.id);
        return p !== null && dist({ x: p.right.px, y: p.right.py, z: p.right.pz }, hand) < 0.1;
      },
      30_000,
      50,
    );
    expect(((await serverAvatar(vr.id))!.flags & PoseFlag.HAND_TRACKING) !== 0).toBe(true);
    expect(await a.page.evaluate(() => window.twinverse!.features.xr!.handJointsVisible())).toBeGreaterThan(10);
    await e2e.shot(a.page, 'xr-hands');
    // The pinch selects: aim the right hand's ray at the wrist menu's People button and pinch.
    await a.page.waitForFunction(() => !!window.twinverse!.features.xr!.menuButtons().people, undefined, { timeout: 10_000 });
    const people = await a.page.evaluate(() => window.twinverse!.features.xr!.menuButtons().people!);
    await a.page.evaluate((t) => window.twinverse!.features.xr!.emulator!.pointHand('right', t), people);
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.pointerHit('right') === 'xr-menu', undefined, { timeout: 10_000 });
    await vr.pinch('right');
    await a.page.waitForFunction(() => window.twinverse!.features.xr!.menuPage() === 'people', undefined, { timeout: 10_000 });
  });

  it('X8: a tracked hand pinching at a part takes it (and opens no panel); the part follows the hand', async () => {
    const { a } = await enterVr('e2e-x8-pinch', false);
    await emulate(
      a.page,
      `e.inputMode('hand'); e.setHand('right', { x: 0.6, y: 1.4, z: 4.5 }); e.setHand('left', { x: 1.3, y: 1.4, z: 4.6 });`,
    );
    await a.page.waitForFunction((f) => (window.twinverse!.localPose().flags & f) !== 0, PoseFlag.HAND_TRACKING, { timeout: 10_000 });
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
    await a.page.waitForFunction(
      (z0) => (window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.p[2] ?? z0) > z0 + 0.3,
      palletNow.p[2],
      { timeout: 10_000 },
    );
    await emulate(a.page, `e.pinch('right', 0);`);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holder === '', undefined, {
      timeout: 10_000,
    });
    // The pinch took the pallet and opened no panel (the ray was off while the hand was at it).
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.panel())).toBeNull();
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
  });
});
