/**
 * The production client carries no test hook (SPEC CL2). The names a test API offers (members of the
 * interfaces in client/**\/testApi.ts) that no other client module uses are property names, which
 * minifying keeps: none may appear in a production build. The test build (dist/client-test, made by
 * globalSetup) must contain them all, which shows the scan finds what it looks for.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from 'vite';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clientDir = path.join(root, 'client');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

/** Test-only modules: the test APIs and the headset emulator they drive. */
const isTestModule = (f: string) => /(^|\/)testApi\.ts$/.test(f) || f.endsWith('/xr/emulator.ts');

/** Members of the exported test-API interfaces (`name(` or `name:` at the start of a line). */
function testApiNames(): string[] {
  const files = sourceFiles(clientDir);
  const elsewhere = files
    .filter((f) => !isTestModule(f))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
  const names = new Set<string>();
  for (const f of files.filter((f) => f.endsWith('testApi.ts'))) {
    const src = fs.readFileSync(f, 'utf8');
    for (const block of src.matchAll(/export interface \w*TestApi \{([\s\S]*?)\n\}/g))
      for (const m of block[1]!.matchAll(/^\s{2}(?:readonly\s+)?([a-zA-Z_]\w{5,})\??[(:]/gm)) names.add(m[1]!);
  }
  return [...names].filter((n) => !new RegExp(`\\b${n}\\b`).test(elsewhere)).sort();
}

function bundleText(dir: string): string {
  const assets = path.join(dir, 'assets');
  return fs
    .readdirSync(assets)
    .filter((f) => f.endsWith('.js'))
    .map((f) => fs.readFileSync(path.join(assets, f), 'utf8'))
    .join('\n');
}

describe('production bundle', () => {
  let out = '';
  beforeAll(async () => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-prod-'));
    await build({
      configFile: path.join(root, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
      build: { outDir: out, emptyOutDir: true },
    });
  });
  afterAll(() => fs.rmSync(out, { recursive: true, force: true }));

  it('CL2 the production build holds no test-API name; the test build holds them all', () => {
    const names = testApiNames();
    // The scan must find the known hooks of every feature, or it proves nothing.
    expect(names).toEqual(expect.arrayContaining(['alarmRows', 'panelButtonWorld', 'menuButtons', 'headTrail', 'pendingStrokes']));
    const prod = bundleText(out);
    expect(names.filter((n) => prod.includes(n))).toEqual([]);
    expect(prod).not.toContain('__TWINVERSE_PROTOCOL__');
    const test = bundleText(path.join(root, 'dist/client-test'));
    expect(names.filter((n) => !test.includes(n))).toEqual([]);
  });
});
