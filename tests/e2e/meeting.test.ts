/**
 * A meeting in two real browsers with Chromium's fake microphone and fake screen: voice between A and
 * B (spatial, muted), chat, drawing on the board with the mouse, a screen share, and a listener whose
 * microphone was refused. No ICE servers: the pages connect over this machine's own addresses.
 * Each test opens its own pages in a space of its own (one failure names one rule); the browser is
 * shared. Screenshots land in test-results/screenshots/meeting-*.png.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useE2E } from '../support/e2eSuite.js';
import { waitForApp, type OpenedPage } from '../support/browser.js';

const e2e = useE2E({ reconnectSeconds: 5 });

type MeetingApi = NonNullable<NonNullable<Window['twinverse']>['features']['meeting']>;
/** Runs `fn` against page's meeting test API. */
function m<T, A = undefined>(page: Page, fn: (api: MeetingApi, arg: A) => T | Promise<T>, arg?: A): Promise<T> {
  return page.evaluate(
    ([src, x]) => {
      const f = new Function(`return (${src as string})`)() as (api: unknown, arg: unknown) => unknown;
      return f(window.twinverse!.features.meeting, x);
    },
    [fn.toString(), arg] as const,
  ) as Promise<T>;
}
const until = (page: Page, fn: string, arg?: unknown, timeout = 30_000) =>
  page.waitForFunction(
    new Function('arg', `const m = window.twinverse.features.meeting; return (${fn});`) as (arg: unknown) => unknown,
    arg,
    {
      timeout,
      polling: 100,
    },
  );

/** Opens the people list (it starts folded on the tests' small windows), as a user would. */
async function showPeople(page: Page): Promise<void> {
  if ((await page.locator('#people-button').getAttribute('aria-expanded')) !== 'true') await page.locator('#people-button').click();
}

/** Ada and Bo in `space`, each on a page of their own. */
async function pair(space: string): Promise<{ a: OpenedPage; b: OpenedPage; idA: string; idB: string }> {
  const a = await e2e.join(`?space=${space}&name=Ada&color=%232e86de`);
  const b = await e2e.join(`?space=${space}&name=Bo&color=%23e4572e`);
  const idA = await a.page.evaluate(() => window.twinverse!.selfId()!);
  const idB = await b.page.evaluate(() => window.twinverse!.selfId()!);
  return { a, b, idA, idB };
}

/** Until both pages hold a connected voice link with each other. */
async function linked(a: OpenedPage, b: OpenedPage, idA: string, idB: string): Promise<void> {
  await until(a.page, `m.links().some((l) => l.peer === arg && l.state === 'connected')`, idB);
  await until(b.page, `m.links().some((l) => l.peer === arg && l.state === 'connected')`, idA);
}

/** Until the page has drawn two more frames: what the state says is on screen for a picture. */
const drawn = (page: Page) => page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

describe('a meeting between two browsers (e2e)', () => {
  it('V4 V2: A and B connect; B hears A through an HRTF panner at A’s head, following A; the listener follows B’s camera', async () => {
    const { a, b, idA, idB } = await pair('e2e-meet-voice');
    await linked(a, b, idA, idB);
    // A's fake microphone beeps: its sound arrives at B.
    await until(b.page, `(m.voice(arg)?.peak ?? 0) > 0.01`, idA);
    const v = (await m(b.page, (api, id) => api.voice(id), idA))!;
    expect(v.trackState).toBe('live');
    expect(v.model).toBe('HRTF');
    expect(v.gate).toBeCloseTo(1, 2);
    const near = (p: { x: number; y: number; z: number }, q: { x: number; y: number; z: number }) =>
      Math.hypot(p.x - q.x, p.y - q.y, p.z - q.z);
    // The panner glides to the head (20 ms time constant) and A's avatar may still be settling, so a
    // single snapshot can catch it mid-glide: wait until they meet, and say where both were if not.
    const pannerAtHead = async () => {
      try {
        // Resolves with the distance seen when they met (wrapped: 0 would not count as done).
        const met = await until(
          b.page,
          `(() => { const v = m.voice(arg); if (!v || !v.head) return false; const d = Math.hypot(v.panner.x - v.head.x, v.panner.y - v.head.y, v.panner.z - v.head.z); return d < 0.05 && { d }; })()`,
          idA,
          5_000,
        );
        return ((await met.jsonValue()) as { d: number }).d;
      } catch {
        const w = (await m(b.page, (api, id) => api.voice(id), idA))!;
        return expect.fail(`B's panner for A did not reach A's head: panner ${JSON.stringify(w.panner)}, head ${JSON.stringify(w.head)}`);
      }
    };
    expect(await pannerAtHead()).toBeLessThan(0.05);

    // A walks forward (−z); the voice B hears moves with A's avatar.
    const before = v.head!;
    await a.page.locator('#scene').focus();
    const start = await a.page.evaluate(() => window.twinverse!.player());
    await a.page.keyboard.down('KeyW');
    // Held until A has walked a metre (however many frames that takes), not for a time.
    await a.page.waitForFunction((z) => window.twinverse!.player().z < z - 1, start.z, { timeout: 30_000 });
    await a.page.keyboard.up('KeyW');
    await until(b.page, `(m.voice(arg.id)?.panner.z ?? 1e9) < arg.z - 0.5`, { id: idA, z: before.z });
    expect(await pannerAtHead()).toBeLessThan(0.05);
    const { listener, camera } = await m(b.page, (api) => api.listener());
    expect(near(listener, camera)).toBeLessThan(0.01);
  });

  it('V5 V7: A’s voice lights A’s speaking ring at B; A mutes with M → B sees A muted and A’s track carries no sound; unmute brings it back', async () => {
    const { a, b, idA, idB } = await pair('e2e-meet-mute');
    await linked(a, b, idA, idB);
    await until(b.page, `window.twinverse.features.meeting.tagStatus(arg)?.speaking === true`, idA);
    await a.page.locator('#scene').focus();
    await a.page.keyboard.press('KeyM');
    expect(await m(a.page, (api) => api.micTrack())).toEqual({ enabled: false, readyState: 'live' });
    expect(await a.page.locator('#mic-button').getAttribute('data-state')).toBe('muted');
    await b.page.waitForFunction((id) => window.twinverse!.features.meeting!.tagStatus(id)?.muted === true, idA, { timeout: 10_000 });
    await showPeople(b.page);
    await b.page.waitForSelector(`#people-list li[data-id="${idA}"] .badge-muted`, { timeout: 10_000 });
    // What arrives from A is silence: the peak over the last 2.5 s falls to nothing.
    await until(b.page, `(m.voice(arg)?.peak ?? 1) < 0.002`, idA, 15_000);
    expect((await m(b.page, (api, id) => api.tagStatus(id), idA))!.speaking).toBe(false);
    await a.page.keyboard.press('KeyM');
    await until(b.page, `(m.voice(arg)?.peak ?? 0) > 0.01`, idA, 15_000);
    expect((await m(b.page, (api, id) => api.tagStatus(id), idA))!.muted).toBe(false);
  });

  it('C1 C5: a chat message typed in A appears in B’s chat panel', async () => {
    const { a, b } = await pair('e2e-meet-chat');
    await a.page.locator('#scene').focus();
    await a.page.keyboard.press('Enter');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.id)).toBe('chat-input');
    await a.page.keyboard.type('Shall we look at the board?');
    await a.page.keyboard.press('Enter');
    await until(b.page, `m.chatLines().some((l) => l.kind === 'chat' && l.name === 'Ada' && l.text === 'Shall we look at the board?')`);
    expect(await b.page.locator('#chat-button .unread').textContent()).toBe('1');
    await b.page.locator('#chat-button').click();
    await expect.poll(() => b.page.locator('#chat-lines').textContent()).toContain('Shall we look at the board?');
    await b.page.keyboard.type('Yes, going there');
    await b.page.keyboard.press('Enter');
    await until(a.page, `m.chatLines().some((l) => l.text === 'Yes, going there')`);
  });

  it('B2 B8: a stroke drawn with the mouse on A’s board appears on B’s board', async () => {
    const { a, b, idA } = await pair('e2e-meet-board');
    await m(a.page, (api) => api.goToBoard(2.6, 0, 0));
    await m(b.page, (api) => api.goToBoard(4.6, 1.3, -0.35));
    // The camera follows the next frames: wait until the board's middle is on A's screen.
    await until(a.page, `(() => { const p = m.screenPoint(1600, 900); return p && Math.abs(p.x - 320) < 60; })()`);
    // A wave across the middle of the board, in board units → page pixels.
    const uv = Array.from({ length: 25 }, (_, i) => ({ u: 700 + i * 75, v: 900 + Math.sin(i / 3) * 260 }));
    const path = await m(a.page, (api, pts) => pts.map((p) => api.screenPoint(p.u, p.v)!), uv);
    expect(path.every((p) => p !== null)).toBe(true);
    await a.page.mouse.move(path[0]!.x, path[0]!.y);
    await a.page.mouse.down();
    for (const p of path.slice(1)) await a.page.mouse.move(p.x, p.y);
    await a.page.mouse.up();
    // Drawing did not grab the mouse for looking around.
    expect(await a.page.evaluate(() => document.pointerLockElement)).toBeNull();
    // A's pen shows at once; the pieces stream out while drawing; the last one follows the release.
    await until(a.page, `m.strokesSent() === 1 && m.pendingStrokes() === 0`);
    await until(b.page, `m.strokes().some((s) => s.by === arg && s.points >= 20)`, idA);
    const mine = await m(a.page, (api) => ({ strokes: api.strokes() }));
    const theirs = await m(b.page, (api) => api.strokes());
    expect(theirs).toEqual(mine.strokes);
    await drawn(b.page);
    await e2e.shot(b.page, 'meeting-board-b');
    await e2e.shot(a.page, 'meeting-board-a');
  });

  it('C5 V7: two avatars at the board, a speaking ring, the chat on the world panel (screenshots)', async () => {
    const { a, b, idA, idB } = await pair('e2e-meet-picture');
    await linked(a, b, idA, idB);
    await a.page.locator('#scene').focus();
    await a.page.keyboard.press('Enter');
    await expect.poll(() => a.page.evaluate(() => document.activeElement?.id)).toBe('chat-input');
    await a.page.keyboard.type('Shall we look at the board?');
    await a.page.keyboard.press('Enter');
    await until(a.page, `m.chatLines().some((l) => l.text === 'Shall we look at the board?')`);
    await a.page.locator('#scene').focus();
    // A stands by the board facing the room; B a few metres back, looking at A and the board.
    await m(a.page, (api) => api.goToBoard(1.3, -1.5, -Math.PI * 0.8));
    await m(b.page, (api) => api.goToBoard(3.8, 0.5, 0.3));
    // Fold the controls card away for the picture (H), as it folds once people start walking.
    await b.page.evaluate(
      () => document.getElementById('help')?.hidden || window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyH' })),
    );
    await until(b.page, `window.twinverse.features.meeting.tagStatus(arg)?.speaking === true`, idA, 20_000);
    await e2e.shot(b.page, 'meeting-b');
    await m(a.page, (api) => api.worldChat(true, 1.1));
    await e2e.shot(a.page, 'meeting-a-world-chat');
    const world = await m(a.page, (api) => api.worldChat(false));
    expect(world.text).toContain('Shall we look at the board?');
  });

  it('B7: A shares a screen; B sees it on the board as video; stopping brings the board back', async () => {
    const { a, b, idA, idB } = await pair('e2e-meet-share');
    await linked(a, b, idA, idB);
    expect(await m(a.page, (api) => api.share(true))).toBe('ok');
    await until(b.page, `(() => { const s = m.shared(); return s.sharer === arg && s.visible && s.width > 0; })()`, idA);
    const t0 = (await m(b.page, (api) => api.shared())).time;
    // The video plays: its time moves on (however slowly the page runs).
    await until(b.page, `m.shared().time > arg`, t0);
    const s = await m(b.page, (api) => api.shared());
    expect(s.time).toBeGreaterThan(t0);
    expect(s.width).toBeGreaterThan(0);
    await e2e.shot(b.page, 'meeting-share-b');
    expect(await m(a.page, (api) => api.share(false))).toBe('ok');
    await until(b.page, `!m.shared().visible && m.shared().sharer === ''`);
  });

  it('V6: a listener whose microphone was refused is told why in words, and still hears the others', async () => {
    const SPACE = 'e2e-meet-listen';
    // Two pages render at once at most (SwiftShader shares two cores): A speaks, Cy only listens.
    const a = await e2e.join(`?space=${SPACE}&name=Ada&color=%232e86de`);
    const idA = await a.page.evaluate(() => window.twinverse!.selfId()!);
    const context = await e2e.browser.newContext({ viewport: { width: 640, height: 400 } });
    await context.addInitScript(() => {
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('Permission denied', 'NotAllowedError'));
    });
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/?space=${SPACE}&name=Cy`);
    await waitForApp(page);
    await page.waitForSelector('#mic-problem:not([hidden])', { timeout: 10_000 });
    expect(await page.locator('#mic-problem p').textContent()).toMatch(/blocked the microphone.*you can listen.*allow the microphone/);
    expect(await page.locator('#mic-button').getAttribute('data-state')).toBe('off');
    const idC = await page.evaluate(() => window.twinverse!.selfId()!);
    await until(a.page, `window.twinverse.people().some((p) => p.id === arg)`, idC);
    await showPeople(a.page);
    await a.page.waitForSelector(`#people-list li[data-id="${idC}"] .badge-listen`, { timeout: 10_000 });
    await until(page, `(m.voice(arg)?.peak ?? 0) > 0.01`, idA);
    await e2e.shot(page, 'meeting-listen-only');
    await context.close();
    expect(a.errors.join('\n')).toBe('');
  });
});
