/**
 * Builds the test client once for all e2e files (vite build --mode test → dist/client-test): the
 * same bundle as production plus the window test API.
 */
import { build } from 'vite';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fs from 'node:fs';
import { CHROMIUM_PATH } from '../support/browser.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export default async function setup(): Promise<void> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM_PATH}. Install it with \`sudo apt-get install -y chromium\` (or set CHROMIUM_PATH); .ci/run does this on a fresh machine.`,
    );
  }
  await build({ configFile: path.join(root, 'vite.config.ts'), mode: 'test', logLevel: 'warn' });
}
