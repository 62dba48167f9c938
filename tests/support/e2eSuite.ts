/**
 * One e2e file's fixture in one call: a server (with `overrides` and `env`) and one Chromium started
 * before the file's tests, every page closed after each test (a failed test leaves none rendering),
 * and everything stopped after the file. The returned handle reads the fixture started by the hooks,
 * so tests write `e2e.join(…)` as with `startE2E`.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startE2E, type E2E } from './e2e.js';
import type { Config } from '../../server/config.js';

export function useE2E(overrides: Partial<Config> = {}, env: Record<string, string> = {}): E2E {
  let started: E2E | undefined;
  const current = (): E2E => {
    // A test that runs without its fixture means beforeAll failed: say so rather than a TypeError.
    if (!started) throw new Error('the e2e fixture did not start (see the beforeAll error)');
    return started;
  };
  beforeAll(async () => {
    started = await startE2E(overrides, env);
  });
  afterEach(async () => {
    await started?.closePages();
  });
  afterAll(async () => {
    await started?.close();
  });
  return {
    get server() {
      return current().server;
    },
    get browser() {
      return current().browser;
    },
    join: (query, viewport) => current().join(query, viewport),
    open: (url, viewport) => current().open(url, viewport),
    closePages: () => current().closePages(),
    shot: (page, name) => current().shot(page, name),
    close: () => current().close(),
  };
}
