/**
 * Shared e2e fixture: a real server serving the test build, one Chromium, pages that join a space.
 */
import path from 'node:path';
import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, openPage, waitForApp, type OpenedPage } from './browser.js';
import { startTestServer, type TestServer } from './server.js';
import { waitFor } from './wait.js';
import type { Config } from '../../server/config.js';

export const CLIENT_TEST_DIR = path.resolve('dist/client-test');
export const SHOTS_DIR = path.resolve('test-results/screenshots');

export interface E2E {
  server: TestServer;
  browser: Browser;
  /** Opens a page on `query` (e.g. "?space=x&name=Ada") and waits until it has joined. */
  join(query: string, viewport?: { width: number; height: number }): Promise<OpenedPage>;
  /** Opens a page on a full URL without waiting for the app (join screens, refusals). */
  open(url: string, viewport?: { width: number; height: number }): Promise<OpenedPage>;
  /** Closes every page this fixture opened: call after each test, so a failed test leaves none
   * rendering (on SwiftShader a forgotten page starves the next test's pages of CPU). */
  closePages(): Promise<void>;
  shot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function startE2E(overrides: Partial<Config> = {}, env: Record<string, string> = {}): Promise<E2E> {
  const server = await startTestServer({ clientDir: CLIENT_TEST_DIR, ...overrides }, env);
  // Pages ask for history as soon as they open (the AGV's trail, charts): a store still opening answers
  // 503, which the browser logs as an error on the page. Tests start from a ready server.
  // The limit catches a hang: on a loaded machine PGlite took over 60 s to open (the hook allows 300 s).
  await waitFor('the store to open', () => server.store.state === 'ready', 240_000);
  const browser = await launchChromium();
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const pages: OpenedPage[] = [];
  return {
    server,
    browser,
    async join(query, viewport) {
      const p = await openPage(browser, `${server.url}/${query}`, viewport);
      pages.push(p);
      await waitForApp(p.page);
      return p;
    },
    async open(url, viewport) {
      const p = await openPage(browser, url, viewport);
      pages.push(p);
      return p;
    },
    async closePages() {
      await Promise.all(pages.splice(0).map((p) => p.context.close().catch(() => undefined)));
    },
    async shot(page, name) {
      const file = path.join(SHOTS_DIR, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}
