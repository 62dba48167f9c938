/**
 * A page rides out a server restart by itself (SPEC RS6): the real server as a child process stopped
 * with SIGTERM; the page says so ("Server restarting — reconnecting…"), stops calling any machine
 * live, and once a new server listens on the same port it joins again as the same person, at the
 * same place — as someone who joined the new server sees it — and says "Reconnected".
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { killAll, startChild, type ChildServer } from '../support/childServer.js';
import { launchChromium, openPage, waitForApp, type OpenedPage } from '../support/browser.js';
import { CLIENT_TEST_DIR } from '../support/e2e.js';
import { join, type TestClient } from '../support/clients.js';
import { waitFor } from '../support/wait.js';

const ENV = { CLIENT_DIR: CLIENT_TEST_DIR, DATA_DIR: 'memory', HISTORY: 'off' };

let browser: Browser;
let page: OpenedPage | null = null;
let observer: TestClient | null = null;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await page?.context.close().catch(() => undefined);
  await observer?.room.leave().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  killAll();
});

/** Records every notice the page shows from now on (a notice stays 5 s: the test may look later). */
const recordNotices = (p: OpenedPage) =>
  p.page.evaluate(() => {
    const said: string[] = [];
    (window as unknown as { __notices: string[] }).__notices = said;
    new MutationObserver((changes) => {
      for (const c of changes)
        c.addedNodes.forEach((n) => n instanceof HTMLElement && n.classList.contains('notice') && said.push(n.textContent ?? ''));
    }).observe(document.body, { childList: true, subtree: true });
  });

/** Waits until the page's notices have said `text`. */
const noticeSaid = (p: OpenedPage, text: string) =>
  p.page.waitForFunction((t) => (window as unknown as { __notices: string[] }).__notices.includes(t), text, {
    timeout: 60_000,
    polling: 50,
  });

describe('restart, seen from a page', () => {
  it('RS6: on SIGTERM the page says the server is restarting, shows no machine live, and rejoins the new server as the same person at the same place, where someone else sees it', async () => {
    const a: ChildServer = await startChild(ENV);
    page = await openPage(browser, `${a.base}/?space=restart&name=Ada`);
    const p = page.page;
    await waitForApp(p);
    await recordNotices(page);
    await p.waitForFunction(() => window.twinverse!.features.twins!.list().some((t) => t.quality === 'good'), undefined, {
      timeout: 60_000,
    });
    // Somewhere that is not the spawn spot (the page's own place: a client does not hear its own poses
    // back, PF3; after the restart an observer shows where the new server has it).
    await p.evaluate(() => window.twinverse!.teleport(1.5, 2, 0));
    const mine = () => p.evaluate(() => window.twinverse!.people().find((x) => x.id === window.twinverse!.selfId()) ?? null);
    await p.waitForFunction(
      () => {
        const me = window.twinverse!.player();
        return Math.abs(me.x - 1.5) < 0.05 && Math.abs(me.z - 2) < 0.05;
      },
      undefined,
      { timeout: 30_000 },
    );
    const before = await mine();

    a.child.kill('SIGTERM');
    await noticeSaid(page, 'Server restarting — reconnecting…');
    await p.waitForFunction(() => window.twinverse!.status().state === 'reconnecting', undefined, { timeout: 30_000 });
    expect(await p.evaluate(() => window.twinverse!.features.twins!.list().map((t) => t.quality))).not.toContain('good');
    expect(await p.textContent('#connection-status')).toContain('Server restarting — reconnecting…');
    expect(await a.exited).toBe(0);

    await startChild(ENV, a.port);
    await noticeSaid(page, 'Reconnected');
    const status = await p.evaluate(() => window.twinverse!.status());
    expect(status).toEqual({ state: 'connected', resumed: 'rejoined' });
    // A new session, the same person, back where they stood: the page's own place, and where the new
    // server has it, as someone who joined it sees it (poses are not echoed to their sender, PF3).
    await p.waitForFunction(
      () => {
        const me = window.twinverse!.player();
        return Math.abs(me.x - 1.5) < 0.05 && Math.abs(me.z - 2) < 0.05;
      },
      undefined,
      { timeout: 30_000 },
    );
    // Someone who joined the new server hears from it where Ada stands (pose frames, PF1).
    const adaId = (await p.evaluate(() => window.twinverse!.selfId()))!;
    observer = await join(a.endpoint, { space: 'restart', name: 'Bob' });
    const seen = observer.poses;
    await waitFor(
      'the observer to see Ada where she stood',
      () => {
        const head = seen.get(adaId)?.head;
        return head !== undefined && Math.abs(head.px - 1.5) < 0.05 && Math.abs(head.pz - 2) < 0.05;
      },
      30_000,
    );
    const after = await mine();
    expect(after?.id).not.toBe(before?.id);
    expect({ name: after?.name, color: after?.color }).toEqual({ name: before?.name, color: before?.color });
    // Live again once the new server's simulator speaks.
    await p.waitForFunction(() => window.twinverse!.features.twins!.list().some((t) => t.quality === 'good'), undefined, {
      timeout: 60_000,
    });
    expect(page.errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource|matchmake/i.test(e))).toEqual([]);
  }, 300_000);
});
