/**
 * A phone for the e2e tests: a touch screen in a mobile viewport (390×844), in a browser context of
 * its own that the caller closes after the test (it is pushed onto `contexts`). The page's errors are
 * collected, so a test can say none happened.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { collectErrors, waitForApp } from './browser.js';

export interface Phone {
  page: Page;
  context: BrowserContext;
  /** `pageerror` and console errors, in words. */
  errors: string[];
}

export async function openPhone(browser: Browser, url: string, contexts: BrowserContext[]): Promise<Phone> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    isMobile: true,
    deviceScaleFactor: 1,
  });
  contexts.push(context);
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: 90_000 });
  await waitForApp(page);
  return { page, context, errors };
}
