/**
 * Voice mesh bench: N headless Chromium pages (fake microphones, loopback only, no ICE servers) join
 * one space; once their links are up, each page's RTCPeerConnection.getStats() transport bytes are
 * sampled over a window and printed as kbit/s sent and received per client, with the number of links.
 *
 *   npx tsx bench/voice.bench.ts [full:N | bots:N ...]     default: full:2 full:5 bots:12
 *
 * `full` pages are the real client (3D hall, spatial audio), rendering at a tiny size and stopping
 * once joined. `bots` are client/bench/voice-bot.html: the same voice mesh without the 3D client,
 * standing on a 3 m grid, so a 2-core machine holds enough of them for the nearest-8 limit to bite.
 * Builds the test client if dist/client-test is missing. Record the machine with the figures
 * (bench/RESULTS.md).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { launchChromium } from '../tests/support/browser.js';
import { startTestServer } from '../tests/support/server.js';
import type { Page } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLIENT = path.join(ROOT, 'dist/client-test');
const WINDOW_S = Number(process.env.BENCH_WINDOW_S ?? 20);

type Kind = 'full' | 'bots';

interface Sample {
  sent: number;
  received: number;
  links: number;
}

const sample = (page: Page, kind: Kind): Promise<Sample> =>
  kind === 'full' ? page.evaluate(() => window.twinverse!.features.meeting!.bytes()) : page.evaluate(() => window.voiceBot!.bytes());
const linksOf = (page: Page, kind: Kind) =>
  kind === 'full' ? page.evaluate(() => window.twinverse!.features.meeting!.links()) : page.evaluate(() => window.voiceBot!.links());

/** Bot i's place: a grid with 3 m between neighbours, around the middle of the hall (protocol frame). */
function spot(i: number, n: number): { x: number; z: number } {
  const cols = Math.ceil(Math.sqrt(n));
  const row = Math.floor(i / cols);
  const col = i % cols;
  return { x: (col - (cols - 1) / 2) * 3, z: 2 + (row - (Math.ceil(n / cols) - 1) / 2) * 3 };
}

async function run(kind: Kind, n: number): Promise<void> {
  const server = await startTestServer({ clientDir: CLIENT, reconnectSeconds: 5 });
  const browser = await launchChromium();
  try {
    const pages: Page[] = [];
    for (let i = 0; i < n; i++) {
      const context = await browser.newContext({ viewport: { width: 96, height: 64 }, permissions: ['microphone'] });
      const page = await context.newPage();
      const space = `bench-${kind}-${n}`;
      if (kind === 'full') {
        await page.goto(`${server.url}/?space=${space}&name=Bot%20${i + 1}`, { timeout: 300_000 });
        await page.waitForFunction(() => window.twinverse?.ready === true, undefined, { timeout: 300_000, polling: 500 });
        // Once in, a page stops drawing: the CPU goes to audio and WebRTC, which keep running.
        await page.evaluate(() => window.twinverse!.features.meeting!.stopDrawing());
      } else {
        const { x, z } = spot(i, n);
        await page.goto(`${server.url}/bench/voice-bot.html?space=${space}&name=Bot%20${i + 1}&x=${x}&z=${z}`, { timeout: 300_000 });
        await page.waitForFunction(() => window.voiceBot?.ready === true, undefined, { timeout: 300_000, polling: 500 });
      }
      pages.push(page);
      process.stderr.write(`  ${kind} ${i + 1}/${n} in (${Math.round(process.uptime())} s)\n`);
    }
    // Links up: every page has all the links it wants connected (nearest 8, plus those who want it).
    const t0 = Date.now();
    for (const p of pages) {
      for (;;) {
        const links = await linksOf(p, kind);
        if (links.length >= Math.min(8, n - 1) && links.every((l) => l.state === 'connected')) break;
        if (Date.now() - t0 > 300_000) throw new Error(`links not up after 300 s: ${JSON.stringify(links)}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    }
    const settle = (Date.now() - t0) / 1000;
    await new Promise((r) => setTimeout(r, 3000));
    const before = await Promise.all(pages.map((p) => sample(p, kind)));
    const started = Date.now();
    await new Promise((r) => setTimeout(r, WINDOW_S * 1000));
    const after = await Promise.all(pages.map((p) => sample(p, kind)));
    const seconds = (Date.now() - started) / 1000;
    const kbps = (bytes: number) => (bytes * 8) / 1000 / seconds;
    const rows = after.map((a, i) => ({
      links: a.links,
      sent: kbps(a.sent - before[i]!.sent),
      received: kbps(a.received - before[i]!.received),
    }));
    const stat = (xs: number[]) => ({ min: Math.min(...xs), avg: xs.reduce((s, x) => s + x, 0) / xs.length, max: Math.max(...xs) });
    const links = stat(rows.map((r) => r.links));
    const sent = stat(rows.map((r) => r.sent));
    const recv = stat(rows.map((r) => r.received));
    const perLink = sent.avg / Math.max(1, links.avg);
    const f = (x: number) => x.toFixed(1);
    console.log(
      `| ${n} ${kind === 'full' ? 'clients' : 'bots'} | ${links.min}–${links.max} (avg ${f(links.avg)}) | ${f(sent.avg)} (${f(sent.min)}–${f(sent.max)}) | ${f(recv.avg)} (${f(recv.min)}–${f(recv.max)}) | ${f(perLink)} | ${f(settle)} s |`,
    );
  } finally {
    await browser.close().catch(() => undefined);
    await server.close();
  }
}

async function main(): Promise<void> {
  const runs = (process.argv.length > 2 ? process.argv.slice(2) : ['full:2', 'full:5', 'bots:12']).map((a) => {
    const [kind, count] = a.split(':');
    if ((kind !== 'full' && kind !== 'bots') || !(Number(count) >= 2)) throw new Error(`expected full:N or bots:N, got ${a}`);
    return { kind: kind as Kind, n: Number(count) };
  });
  if (!fs.existsSync(path.join(CLIENT, 'bench/voice-bot.html'))) {
    console.log('building the test client…');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), mode: 'test', logLevel: 'warn' });
  }
  console.log(
    `voice mesh bench — ${os.cpus()[0]?.model ?? 'cpu'} × ${os.cpus().length}, Node ${process.version}, ${new Date().toISOString()}`,
  );
  console.log(`window ${WINDOW_S} s; transport bytes (RTP + RTCP + STUN + DTLS) from getStats()\n`);
  console.log(
    '| participants | links per client | sent kbit/s per client avg (min–max) | received kbit/s per client avg (min–max) | sent kbit/s per link | links up after |',
  );
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const r of runs) await run(r.kind, r.n);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
