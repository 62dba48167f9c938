/**
 * Client bundle budget: builds the production client and prints what a desktop browser loads before
 * the first frame (the entry plus the chunks index.html preloads) and the XR chunk, gzip-compressed
 * (Node's zlib, default level; KiB). Budget (ARCHITECTURE.md "Performance budgets"): ≤ 400 KB up front.
 *
 *   npx tsx bench/bundle.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { build } from 'vite';

const BUDGET_KIB = 400;
const out = path.resolve('dist/client');
await build({ configFile: path.resolve('vite.config.ts'), mode: 'production', logLevel: 'warn' });

const gz = (file: string) => zlib.gzipSync(fs.readFileSync(path.join(out, file))).length / 1024;
const html = fs.readFileSync(path.join(out, 'index.html'), 'utf8');
const upFront = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
const entry = upFront.find((f) => /\/index-[^/]+\.js$/.test(f));
if (!entry) throw new Error('no entry script in dist/client/index.html');
const total = upFront.reduce((sum, f) => sum + gz(f), 0);
const assets = fs.readdirSync(path.join(out, 'assets'));
const xr = assets.find((f) => /^session-.*\.js$/.test(f));

console.log(`client bundle (${new Date().toISOString()}), gzip KiB`);
console.log(
  `entry ${gz(entry).toFixed(1)}; up front (entry + ${upFront.length - 1} preloaded chunks) ${total.toFixed(1)} of ${BUDGET_KIB}`,
);
console.log(`XR chunk (loaded only where WebXR offers an immersive mode) ${xr ? gz(`assets/${xr}`).toFixed(1) : 'not found'}`);
