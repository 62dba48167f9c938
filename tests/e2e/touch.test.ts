/**
 * Pointing in a real browser (SPEC HV1): a mouse over a machine tints it and turns the cursor into a
 * pointer; moving off gives both back. And a phone (SPEC TC1–TC4): a 390×844 touch screen with real
 * touch events (CDP Input.dispatchTouchEvent), asserting what the SERVER holds — the avatar walked,
 * turned, the part moved — not only what the page drew. The built-in simulator runs the machines.
 */
import type { BrowserContext, CDPSession, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';
import { openPhone as openPhoneIn } from '../support/phone.js';
import { serverAvatar, serverPoseOf } from '../support/server.js';

let e2e: E2E;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  e2e = await startE2E({}, { SIMULATOR: 'on' });
});
afterEach(async () => {
  await e2e?.closePages();
  await Promise.all(contexts.splice(0).map((c) => c.close().catch(() => undefined)));
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

/** A phone: touch screen, mobile viewport, its own context (closed after the test). */
async function openPhone(query: string): Promise<{ page: Page; cdp: CDPSession; errors: string[] }> {
  const phone = await openPhoneIn(e2e.browser, `${e2e.server.url}/${query}`, contexts);
  return { ...phone, cdp: await phone.context.newCDPSession(phone.page) };
}

interface Finger {
  id: number;
  x: number;
  y: number;
}

/** Real touch input: every event lists every finger still down, as a touch screen reports them. */
function touchScreen(cdp: CDPSession) {
  const down = new Map<number, Finger>();
  const send = (type: 'touchStart' | 'touchMove' | 'touchEnd') =>
    cdp.send('Input.dispatchTouchEvent', {
      type,
      touchPoints: [...down.values()].map((f) => ({ ...f, radiusX: 4, radiusY: 4, force: 1 })),
    });
  return {
    start: async (f: Finger) => {
      down.set(f.id, { ...f });
      await send('touchStart');
    },
    /** Moves finger `id` to (x, y) in `steps` events. */
    move: async (id: number, x: number, y: number, steps = 6) => {
      const f = down.get(id)!;
      const from = { x: f.x, y: f.y };
      for (let i = 1; i <= steps; i++) {
        f.x = from.x + ((x - from.x) * i) / steps;
        f.y = from.y + ((y - from.y) * i) / steps;
        await send('touchMove');
      }
    },
    end: async (id: number) => {
      down.delete(id);
      await send('touchEnd');
    },
  };
}

/** Heading on the floor (radians) of a head rotation (unit quaternion, protocol frame). */
function heading(q: { qx: number; qy: number; qz: number; qw: number }): number {
  const [x, y, z, w] = [q.qx, q.qy, q.qz, q.qw];
  // The head's forward (−Z in the protocol frame) rotated by q.
  const fx = -2 * (x * z + w * y);
  const fz = -(1 - 2 * (x * x + y * y));
  return Math.atan2(fx, fz);
}
const turned = (a: number, b: number) => Math.abs(Math.atan2(Math.sin(a - b), Math.cos(a - b)));

/** The server's own record of this avatar's head: where it is and which way it faces. */
async function serverHead(id: string): Promise<{ x: number; z: number; heading: number }> {
  const p = await serverPoseOf(id);
  if (!p) throw new Error(`the server seats no ${id}`);
  return { x: p.head.px, z: p.head.pz, heading: heading(p.head) };
}

describe('touch controls on a phone', () => {
  it('TC1 TC2 TC3 TC4: the stick walks, a finger looks (both at once), a tap opens a panel, a drag moves a part', async () => {
    const phone = await openPhone('?space=e2e-touch&name=Tess');
    const { page } = phone;
    const touch = touchScreen(phone.cdp);
    const id = (await page.evaluate(() => window.twinverse!.selfId()))!;

    // TC4: a touch device shows the stick, and the help card speaks of thumbs, not keys.
    const stick = (await page.locator('#touch-stick').boundingBox())!;
    expect(stick, 'the stick is on screen').toBeTruthy();
    expect(await page.locator('#help').innerText()).toContain('Stick');
    expect(await page.locator('#help').innerText()).not.toContain('W A S D');
    // It stays clear of the help card and of every HUD panel.
    const clear = await page.evaluate(() => {
      const s = document.getElementById('touch-stick')!.getBoundingClientRect();
      return [...document.querySelectorAll('.panel, .hud > *, .actions > *, #help-button')]
        .map((e) => ({ id: e.id || e.className, r: e.getBoundingClientRect() }))
        .filter(({ r }) => r.width > 0 && r.left < s.right && r.right > s.left && r.top < s.bottom && r.bottom > s.top)
        .map(({ id }) => id);
    });
    expect(clear).toEqual([]);
    await e2e.shot(page, 'touch-phone-stick');

    // The card covers the middle of a phone's view; a tap on it puts it away (no H key on a phone).
    const card = (await page.locator('#help').boundingBox())!;
    await touch.start({ id: 9, x: card.x + card.width / 2, y: card.y + card.height / 2 });
    await touch.end(9);
    await page.waitForFunction(() => document.getElementById('help')!.hidden);

    await page.waitForFunction(
      () => ((l) => l.length >= 3 && l.every((t) => t.drawn))(window.twinverse!.features.twins!.list()),
      undefined,
      {
        timeout: 30_000,
      },
    );

    // TC3: a finger pressed on a movable part carries it, as the mouse does.
    const part = () => page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet'));
    const rest = (await part())!;
    const pallet = await page.evaluate(() => window.twinverse!.features.twins!.screenPoint('conveyor-1', 'pallet'));
    expect(pallet, 'the pallet on screen').toBeTruthy();
    await touch.start({ id: 1, x: pallet!.x, y: pallet!.y });
    await page.waitForFunction(() => window.twinverse!.features.twins!.holding()?.granted === true, undefined, { timeout: 15_000 });
    await touch.move(1, pallet!.x + 40, pallet!.y);
    await expect
      .poll(
        async () => {
          const p = (await part())!.p;
          return Math.hypot(p[0] - rest.p[0], p[1] - rest.p[1], p[2] - rest.p[2]);
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBeGreaterThan(0.05);
    await touch.end(1);
    await page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holder === '', undefined, {
      timeout: 15_000,
    });
    expect(await page.evaluate(() => window.twinverse!.features.twins!.holding())).toBeNull();

    // TC3: a tap on a machine opens its panel, as a click does.
    // The belt: in the middle of a phone's first view (the pallet, moved aside above, sits to its right).
    const belt = await page.evaluate(() => window.twinverse!.features.twins!.screenPoint('conveyor-1', 'belt'));
    expect(belt, 'the conveyor belt on screen').toBeTruthy();
    await touch.start({ id: 2, x: belt!.x, y: belt!.y });
    await touch.end(2);
    await page.waitForFunction(() => window.twinverse!.features.twins!.panel()?.twin === 'conveyor-1', undefined, { timeout: 15_000 });
    await e2e.shot(page, 'touch-phone-panel');
    await page.evaluate(() => window.twinverse!.features.twins!.closePanel());

    // TC1: the left thumb pushes the stick up: the server sees the avatar walk forward.
    const before = await serverHead(id);
    const cx = stick.x + stick.width / 2;
    const cy = stick.y + stick.height / 2;
    await touch.start({ id: 3, x: cx, y: cy });
    await touch.move(3, cx, cy - stick.height / 2);
    await expect
      .poll(async () => Math.hypot((await serverHead(id)).x - before.x, (await serverHead(id)).z - before.z), { timeout: 20_000 })
      .toBeGreaterThan(0.8);
    const walked = await serverHead(id);
    // Forward: along the way the head faced, not sideways or back.
    const along = (walked.x - before.x) * Math.sin(before.heading) + (walked.z - before.z) * Math.cos(before.heading);
    expect(along).toBeGreaterThan(0.5);

    await touch.end(3);

    // TC2: one thumb pulls the stick back (open floor behind: the conveyor is ahead) while the other
    // drags on the scene, away from machines: the view turns AND the avatar walks — each finger is
    // tracked by its own id.
    const start = await serverHead(id);
    await touch.start({ id: 3, x: cx, y: cy });
    await touch.move(3, cx, cy + stick.height / 2);
    await touch.start({ id: 4, x: 330, y: 700 });
    await touch.move(4, 200, 700, 10);
    await expect.poll(async () => turned((await serverHead(id)).heading, start.heading), { timeout: 20_000 }).toBeGreaterThan(0.3);
    await expect
      .poll(async () => Math.hypot((await serverHead(id)).x - start.x, (await serverHead(id)).z - start.z), { timeout: 20_000 })
      // More than the last frame's step of the walk before (a frame at a slow rate walks ~0.4 m).
      .toBeGreaterThan(1);
    await touch.end(4);
    await touch.end(3);
    await e2e.shot(page, 'touch-phone-walked');

    // TC4: a text field takes the bottom of the screen for its keyboard: the stick steps aside.
    await page.evaluate(() => (document.getElementById('chat-button') as HTMLButtonElement).click());
    await page.locator('#chat-input').focus();
    await page.waitForFunction(() => document.getElementById('touch-stick')!.hidden);
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await page.waitForFunction(() => !document.getElementById('touch-stick')!.hidden);
    expect(phone.errors).toEqual([]);
  });
});

/** Which HUD controls the element `selector` overlaps (neither inside the other), by id or class. */
function overlapsOf(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const mine = document.querySelector(sel)!;
    const r = mine.getBoundingClientRect();
    const others = document.querySelectorAll('#replay-open, .hud button, .hud .badge, .side > *, .actions > *, #help-button, #touch-stick');
    return [...others]
      .filter((e) => !e.contains(mine) && !mine.contains(e))
      .map((e) => ({ id: e.id || e.className, o: e.getBoundingClientRect() }))
      .filter(({ o }) => o.width > 0 && o.height > 0 && o.left < r.right && o.right > r.left && o.top < r.bottom && o.bottom > r.top)
      .map(({ id }) => id);
  }, selector);
}

/**
 * What covers the open panel's header (its title row and Close) at points across it and at Close's
 * centre: the element found there, when it is not the scene's canvas (the panel is drawn on the canvas).
 */
function overPanelHeader(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const t = window.twinverse!.features.twins!;
    const close = t.panelControls().close;
    const panel = t.panelBox()?.panel;
    if (!close || !panel) return ['no panel or no Close on screen'];
    const points: [number, number][] = [[(close.left + close.right) / 2, (close.top + close.bottom) / 2]];
    for (const y of [panel.top + 3, (close.top + close.bottom) / 2, close.bottom - 3])
      for (let i = 0; i <= 6; i++) points.push([panel.left + 3 + ((panel.right - panel.left - 6) * i) / 6, y]);
    return points
      .map(([x, y]) => ({ x, y, e: document.elementFromPoint(x, y) }))
      .filter(({ e }) => !(e instanceof HTMLCanvasElement))
      .map(({ x, y, e }) => `${Math.round(x)},${Math.round(y)}: ${e ? e.id || e.className || e.tagName : 'outside the window'}`);
  });
}

describe('fingers on machines', () => {
  it('TC5 HV2 UX7 UX8: a finger that lands on a machine and moves looks around, a tap opens it and leaves no tint; Return pallet overlaps no HUD control; nothing covers the panel’s header', async () => {
    const phone = await openPhone('?space=e2e-touch-machine&name=Fin');
    const { page } = phone;
    const touch = touchScreen(phone.cdp);
    const id = (await page.evaluate(() => window.twinverse!.selfId()))!;
    const card = (await page.locator('#help').boundingBox())!;
    await touch.start({ id: 9, x: card.x + card.width / 2, y: card.y + card.height / 2 });
    await touch.end(9);
    await page.waitForFunction(() => document.getElementById('help')!.hidden);
    await page.waitForFunction(
      () => ((l) => l.length >= 3 && l.every((t) => t.drawn))(window.twinverse!.features.twins!.list()),
      undefined,
      {
        timeout: 30_000,
      },
    );

    // TC5: the finger lands on the conveyor's belt and sweeps left: the view turns, nothing opens.
    const belt = (await page.evaluate(() => window.twinverse!.features.twins!.screenPoint('conveyor-1', 'belt')))!;
    expect(belt, 'the conveyor belt on screen').toBeTruthy();
    const start = await serverHead(id);
    const stood = await page.evaluate(() => window.twinverse!.player());
    await touch.start({ id: 1, x: belt.x, y: belt.y });
    await touch.move(1, belt.x - 120, belt.y, 10);
    await touch.end(1);
    await expect.poll(async () => turned((await serverHead(id)).heading, start.heading), { timeout: 20_000 }).toBeGreaterThan(0.3);
    expect(await page.evaluate(() => window.twinverse!.features.twins!.panel())).toBeNull();
    // HV2: no finger left a tint behind.
    expect(await page.evaluate(() => window.twinverse!.features.twins!.hover())).toEqual({ twin: null, tinted: 0 });

    // Back to the first view, where the pallet is in reach of a finger.
    await page.evaluate((p) => window.twinverse!.teleport(p.x, p.z, p.yaw), stood);
    await page.waitForFunction((yaw) => Math.abs(window.twinverse!.player().yaw - yaw) < 0.01, stood.yaw);
    // The camera follows the player on its next frame: read the pallet's place on screen only once two
    // frames in a row put it at the same spot (read at once it could be where the turned view had it).
    const palletAt = () => page.evaluate(() => window.twinverse!.features.twins!.screenPoint('conveyor-1', 'pallet'));
    const pallet = await (async () => {
      let last = await palletAt();
      for (let i = 0; i < 200; i++) {
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        const now = await palletAt();
        if (now && last && Math.abs(now.x - last.x) < 0.5 && Math.abs(now.y - last.y) < 0.5) return now;
        last = now;
      }
      throw new Error('the pallet never settled on screen after the teleport back');
    })();

    // The pallet carried aside by a finger (TC3), so the conveyor's panel offers to return it.
    expect(pallet, 'the pallet on screen').toBeTruthy();
    const rest = (await page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')))!;
    await touch.start({ id: 2, x: pallet.x, y: pallet.y });
    await page.waitForFunction(() => window.twinverse!.features.twins!.holding()?.granted === true, undefined, { timeout: 15_000 });
    await touch.move(2, pallet.x + 40, pallet.y);
    await expect
      .poll(
        async () => {
          const p = (await page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')))!.p;
          return Math.hypot(p[0] - rest.p[0], p[1] - rest.p[1], p[2] - rest.p[2]);
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBeGreaterThan(0.05);
    await touch.end(2);
    await page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holder === '', undefined, {
      timeout: 15_000,
    });

    // A tap (down and up in place) on the belt opens the panel; the finger leaves no tint (HV2).
    const belt2 = (await page.evaluate(() => window.twinverse!.features.twins!.screenPoint('conveyor-1', 'belt')))!;
    await touch.start({ id: 3, x: belt2.x, y: belt2.y });
    await touch.end(3);
    await page.waitForFunction(() => window.twinverse!.features.twins!.panel()?.twin === 'conveyor-1', undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => window.twinverse!.features.twins!.hover())).toEqual({ twin: null, tinted: 0 });

    // UX7: "Return pallet …" stands clear of "Replay…" and every other HUD control, on the phone …
    await page.waitForSelector('.return-part', { state: 'visible' });
    expect(await overlapsOf(page, '.return-part')).toEqual([]);
    expect(await overlapsOf(page, '#replay-open')).toEqual([]);
    // UX8: the activity line of the move and the return offer leave the panel's header and Close bare,
    // and a tap on Close closes it.
    await page.waitForFunction(() => window.twinverse!.features.twins!.activityLines().length > 0);
    expect(await overPanelHeader(page)).toEqual([]);
    await e2e.shot(page, 'touch-phone-return');
    const close = (await page.evaluate(() => window.twinverse!.features.twins!.panelButton('close')))!;
    await touch.start({ id: 4, x: close.x, y: close.y });
    await touch.end(4);
    await page.waitForFunction(() => window.twinverse!.features.twins!.panel() === null, undefined, { timeout: 15_000 });

    // … and on a desktop window (the phone stays: the space, and the pallet it moved, end with its last page).
    expect(phone.errors).toEqual([]);
    const desk = await e2e.join('?space=e2e-touch-machine&name=Dee', { width: 1280, height: 720 });
    await desk.page.waitForFunction(
      () => window.twinverse!.features.twins!.list().some((t) => t.id === 'conveyor-1' && t.drawn),
      undefined,
      {
        timeout: 30_000,
      },
    );
    await desk.page.evaluate(() => window.twinverse!.features.twins!.openPanel('conveyor-1'));
    await desk.page.waitForSelector('.return-part', { state: 'visible' });
    // The panel's controls have screen places once it has been drawn.
    await desk.page.waitForFunction(() => window.twinverse!.features.twins!.panelControls().close !== undefined);
    expect(await overlapsOf(desk.page, '.return-part')).toEqual([]);
    expect(await overlapsOf(desk.page, '#replay-open')).toEqual([]);
    expect(await overPanelHeader(desk.page)).toEqual([]);
    await e2e.shot(desk.page, 'desktop-return');
    const deskClose = (await desk.page.evaluate(() => window.twinverse!.features.twins!.panelButton('close')))!;
    await desk.page.mouse.click(deskClose.x, deskClose.y);
    await desk.page.waitForFunction(() => window.twinverse!.features.twins!.panel() === null, undefined, { timeout: 15_000 });
    expect(desk.errors).toEqual([]);
  });
});

describe('a phone’s screen stays the scene’s', () => {
  it('UX9 UX8 UX10: the controls card is small and folds with Hide; the space title is whole in its tooltip; the list says “on a phone”; nothing covers a panel’s header (screenshots of panel and people list)', async () => {
    const phone = await openPhone('?space=e2e-touch-card&name=Pia');
    const { page } = phone;
    await page.waitForSelector('#loading', { state: 'detached' });
    // Hide folds the card for good (its own fold timer then has nothing to do), Controls brings it back.
    if (await page.locator('#help').isVisible()) await page.locator('#help-hide').tap();
    await page.waitForSelector('#help', { state: 'hidden' });
    await page.locator('#help-button').tap();
    await page.waitForSelector('#help', { state: 'visible' });
    // The card covers at most a sixth of the screen and none of its upper half.
    const card = (await page.locator('#help').boundingBox())!;
    expect(card.width * card.height).toBeLessThan((390 * 844) / 6);
    expect(card.y).toBeGreaterThan(844 / 2);
    const title = page.locator('#space-title');
    expect(await title.getAttribute('title')).toBe(await title.innerText());
    await e2e.shot(page, 'ux-phone-arrival');
    await page.locator('#help-hide').tap();
    await page.waitForSelector('#help', { state: 'hidden' });
    expect(await page.locator('#help-button').isVisible()).toBe(true);

    // The people list and a panel, to look at.
    await page.locator('#people-button').tap();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('.people')?.hidden === false);
    // UX10: a phone is a phone to the server and in the list, never "desktop".
    const me = (await page.evaluate(() => window.twinverse!.selfId()))!;
    expect((await serverAvatar(me))?.mode).toBe('phone');
    expect(await page.locator(`#people-list li[data-id="${me}"] .mode`).innerText()).toMatch(/^on a phone/);
    await e2e.shot(page, 'ux-phone-people');
    await page.locator('#people-button').tap();
    await page.waitForFunction(() => window.twinverse!.features.twins!.list().some((t) => t.id === 'pump-1' && t.drawn), undefined, {
      timeout: 30_000,
    });
    await page.evaluate(() => window.twinverse!.features.twins!.openPanel('pump-1'));
    await page.waitForFunction(() => window.twinverse!.features.twins!.panelControls().close !== undefined);
    expect(await overPanelHeader(page)).toEqual([]);
    await e2e.shot(page, 'ux-phone-panel');

    expect(phone.errors).toEqual([]);
  });
});
