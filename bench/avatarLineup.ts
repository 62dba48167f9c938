/**
 * A lineup of every avatar style (SPEC AV1) in front of a desktop viewer, for looking at: two people
 * per style, all asking for the same purple, so the server's colour picking (AV2) shows too. Saves
 * screenshots of the join screen and the lineup (1280×720, and 390×844 for the join screen) and
 * prints the draw calls the lineup costs.
 *
 *   npx tsx bench/avatarLineup.ts [outDir=shots]
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';
import { Client } from 'colyseus.js';
import { launchChromium, openPage, waitForApp } from '../tests/support/browser.js';
import { startTestServer } from '../tests/support/server.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { ROOM_NAME } from '../shared/protocol/version.js';
import { createPose, encodePose } from '../shared/protocol/pose.js';
import { restPose } from '../shared/space/spawn.js';
import { AVATAR_STYLES } from '../shared/avatar/styles.js';

const OUT = path.resolve(process.argv[2] ?? 'shots');
fs.mkdirSync(OUT, { recursive: true });
await build({ configFile: path.resolve('vite.config.ts'), mode: 'test', logLevel: 'warn' });
const server = await startTestServer({ clientDir: path.resolve('dist/client-test') });
const browser = await launchChromium();
try {
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 390, height: 844 },
  ]) {
    const join = (await openPage(browser, `${server.url}/?space=lineup-join`, viewport)).page;
    await join.waitForSelector('#join-form');
    await join.screenshot({ path: path.join(OUT, `join-${viewport.width}x${viewport.height}.png`) });
    await join.context().close();
  }

  const page = (await openPage(browser, `${server.url}/?space=lineup&name=Viewer`, { width: 1280, height: 720 })).page;
  await waitForApp(page);
  const me = (await page.evaluate(() => window.twinverse!.player()))!;
  const bots = [];
  const n = AVATAR_STYLES.length * 2;
  for (let i = 0; i < n; i++) {
    const style = AVATAR_STYLES[i % AVATAR_STYLES.length]!;
    const room = await new Client(server.endpoint).joinOrCreate(
      ROOM_NAME,
      joinOptions({ space: 'lineup', name: `${style} ${i < AVATAR_STYLES.length ? 'one' : 'two'}`, color: '#7b61ff', style }),
    );
    room.onMessage('*', () => undefined);
    // Two rows facing the viewer (yaw π faces +Z), heads turned a little so faces show their side.
    const row = i < AVATAR_STYLES.length ? 0 : 1;
    const col = i % AVATAR_STYLES.length;
    const pose = restPose(createPose(), me.x + (col - 2) * 0.9 + row * 0.45, me.z - 3 - row * 1.6, Math.PI + (col - 2) * 0.25);
    pose.flags = 1; // teleport there
    room.sendBytes('pose', encodePose(pose));
    bots.push(room);
  }
  await page.waitForFunction((k) => window.twinverse!.people().length === k + 1, n, { timeout: 30_000 });
  await page.waitForTimeout(2500);
  await page.screenshot({ path: path.join(OUT, 'lineup-1280x720.png') });
  const stats = await page.evaluate(() => window.twinverse!.renderStats());
  // Close up, faces at eye level: the front row from 1.4 m.
  await page.evaluate(([x, z]) => window.twinverse!.teleport(x, z, 0), [me.x, me.z - 1.6] as const);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: path.join(OUT, 'faces-1280x720.png') });
  const people = await page.evaluate(() => window.twinverse!.people().map((p) => `${p.name}: ${p.style} ${p.color}`));
  console.log(`lineup of ${n} avatars: ${stats.drawCalls} draw calls, ${stats.activeMeshes} active meshes`);
  console.log(people.join('\n'));
  await Promise.all(bots.map((r) => r.leave()));
} finally {
  await browser.close();
  await server.close();
}
