/**
 * Debian's Chromium driven by playwright-core (Playwright cannot download its own browser here).
 * Missing browser → a loud failure that says how to install it; never a silent skip.
 */
import fs from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--autoplay-policy=no-user-gesture-required',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. End-to-end tests need Debian's Chromium: run \`sudo apt-get install -y chromium\` ` +
        `(or set CHROMIUM_PATH to a Chromium binary). .ci/run installs it on a fresh machine.`,
    );
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
}

/** A fresh context (own localStorage) with a small viewport: SwiftShader renders on the CPU. */
export async function openPage(browser: Browser, url: string, viewport = { width: 640, height: 400 }): Promise<OpenedPage> {
  const context = await browser.newContext({ viewport, permissions: ['microphone', 'camera', 'clipboard-read', 'clipboard-write'] });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 90_000 });
  return { context, page, errors };
}

/** The page's errors (uncaught and console.error), in words, as they come. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}

/** Waits until the test API is installed (scene ready and joined). */
export async function waitForApp(page: Page, timeoutMs = 180_000): Promise<void> {
  await page.waitForFunction(() => window.twinverse?.ready === true, undefined, { timeout: timeoutMs, polling: 100 });
}
