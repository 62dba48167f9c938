/**
 * Scene budget: the hall with N remote avatars, measured in a real page (SwiftShader). Prints draw
 * calls, active meshes, triangles, materials and textures — on the desktop view and in VR (emulated
 * Quest 3, both eyes) — to compare with the XR budget in ARCHITECTURE.md. Frame rates on SwiftShader
 * say nothing about a Quest's GPU and are printed only for reference.
 *
 *   npx tsx bench/scene.ts [avatars=10] [spread] [space=bench-scene]
 *
 * `spread` stands the people in rings 2 m apart from 3 m outwards (as many as fit 0.8 m apart on each
 * half circle), as a full hall stands: near and far avatars, where the far ones' level of detail
 * shows (SPEC AV5). Without it all stand 3 m away. A space name (`plant`) measures the IFC building as
 * the space (assets/spaces/plant.json, SPEC BM4) instead of the hall.
 */
import path from 'node:path';
import { build } from 'vite';
import { Client } from 'colyseus.js';
import { launchChromium, openPage, waitForApp } from '../tests/support/browser.js';
import { startTestServer } from '../tests/support/server.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { ROOM_NAME } from '../shared/protocol/version.js';
import { createPose, encodePose } from '../shared/protocol/pose.js';
import { restPose } from '../shared/space/spawn.js';

const N = Number(process.argv[2] ?? 10);
const extra = process.argv.slice(3);
const SPREAD = extra.includes('spread');
const SPACE = extra.find((a) => a !== 'spread') ?? 'bench-scene';

/** Where bot `i` of `n` stands: distance from the viewer (m) and angle on the half circle. */
function spot(i: number, n: number): { r: number; a: number } {
  if (!SPREAD) return { r: 3, a: Math.PI * (0.15 + (0.7 * i) / Math.max(1, n - 1)) };
  let first = 0;
  for (let r = 3; ; r += 2) {
    const fit = Math.floor((Math.PI * r) / 0.8);
    if (i < first + fit) return { r, a: Math.PI * ((i - first + 0.5) / fit) };
    first += fit;
  }
}
await build({ configFile: path.resolve('vite.config.ts'), mode: 'test', logLevel: 'warn' });
const server = await startTestServer({ clientDir: path.resolve('dist/client-test') });
const browser = await launchChromium();
try {
  const page = (await openPage(browser, `${server.url}/?space=${SPACE}&name=Viewer&xr=emulate`, { width: 800, height: 500 })).page;
  await waitForApp(page);
  // N people standing in a half circle in front of the viewer (who stands at the spawn, facing −Z).
  const me = (await page.evaluate(() => window.twinverse!.player()))!;
  const bots = [];
  for (let i = 0; i < N; i++) {
    const room = await new Client(server.endpoint).joinOrCreate(
      ROOM_NAME,
      joinOptions({ space: SPACE, name: `Bot ${i + 1}`, color: '#2e86de' }),
    );
    // Bots read nothing: a catch-all keeps colyseus.js from warning about chat lines and notices.
    room.onMessage('*', () => undefined);
    const { r, a } = spot(i, N);
    const pose = restPose(createPose(), me.x + r * Math.cos(a), me.z - r * Math.sin(a), Math.PI / 2 - a);
    pose.flags = 1; // teleport there
    room.sendBytes('pose', encodePose(pose));
    bots.push(room);
  }
  await page.waitForFunction((n) => window.twinverse!.people().length === n + 1, N, { timeout: 30_000 });
  // Every machine drawn as it will stay: its glTF model loaded (or refused) (SPEC GM3).
  await page.waitForFunction(() => window.twinverse!.features.twins!.list().every((t) => t.drawn), undefined, { timeout: 60_000 });
  const models = await page.evaluate(() =>
    window.twinverse!.features.twins!.list().map((t) => `${t.id} ${window.twinverse!.features.twins!.model(t.id)?.source ?? '-'}`),
  );
  await page.waitForTimeout(3000);
  const desktop = await page.evaluate(() => window.twinverse!.renderStats());
  // To look at: the far people in their low cut should read as the same people, coloured alike.
  await page.screenshot({ path: path.resolve(`test-results/screenshots/scene-bench-${N}${SPREAD ? '-spread' : ''}.png`) });
  await page.evaluate(() => window.twinverse!.features.xr!.enter('immersive-vr'));
  await page.waitForFunction(() => window.twinverse!.features.xr!.active() === 'immersive-vr', undefined, { timeout: 30_000 });
  await page.evaluate(() => window.twinverse!.features.xr!.emulator!.setHead({ x: 0, y: 1.6, z: 8 }));
  await page.waitForTimeout(3000);
  const xr = await page.evaluate(() => window.twinverse!.renderStats());
  // Which materials there are, grouped by owner (hall, board, a machine, a name tag): where to look
  // when the count nears the budget.
  const owners = new Map<string, number>();
  for (const m of (await page.evaluate(() => window.twinverse!.renderInventory())).materials) {
    const owner = m.split(/[/-]/)[0]!;
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
  }
  const building = await page.evaluate(() => window.twinverse!.features.building?.summary() ?? null);
  console.log(`scene budget, space ${SPACE} + ${N} avatars${SPREAD ? ' in rings from 3 m' : ' at 3 m'} (${new Date().toISOString()})`);
  if (building) console.log(`building: ${building.elements} elements, ${building.meshes} batches, ${building.triangles} triangles`);
  console.log(
    `desktop view: ${desktop.drawCalls} draw calls, ${desktop.activeMeshes} active meshes, ${desktop.triangles} triangles, ${desktop.materials} materials, ${desktop.textures} textures, ${desktop.fps.toFixed(1)} fps (SwiftShader)`,
  );
  console.log(
    `VR (2 eyes):  ${xr.drawCalls} draw calls, ${xr.activeMeshes} active meshes, ${xr.triangles} triangles (both eyes: the emulator draws each eye in its own pass and Babylon counts both), ${xr.materials} materials, ${xr.textures} textures, ${xr.fps.toFixed(1)} fps (SwiftShader)`,
  );
  console.log(`machines drawn from: ${models.join(', ')}`);
  console.log(`materials by owner: ${[...owners].map(([o, n]) => `${o} ${n}`).join(', ')}`);
  await Promise.all(bots.map((r) => r.leave()));
} finally {
  await browser.close();
  await server.close();
}
