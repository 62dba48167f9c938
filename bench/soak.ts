/**
 * Soak (issue 10): N bots in one space for a long time — walking (poses at 10 Hz), chatting, drawing
 * on the board (and erasing their own strokes again, B4) and commanding the simulated machines — at a
 * real server in a separate process. Prints the server's RSS after warm-up and at the end (goal:
 * grows < 10 %), and every error: refusals the bots heard, sessions the server closed, error-level
 * server log lines, the server process ending (goal: none). Loopback only.
 *
 *   npx tsx bench/soak.ts [--bots 200] [--seconds 600] [--warmup 60]
 *
 * 200 bots in one process decode each other's poses (N² patches): on a small machine run the bots
 * here and read the server's figures, not the bots' timing.
 */
import { createPose, encodePose, PoseFlag } from '../shared/protocol/pose.js';
import { restPose } from '../shared/space/spawn.js';
import type { StrokePiece } from '../shared/protocol/board.js';
import { member, type Member } from '../tests/support/inbox.js';
import { arg, machineLine, sleep, startBenchServer } from './benchServer.js';

const BOTS = arg('bots', 200);
const SECONDS = arg('seconds', 600);
const WARMUP_S = arg('warmup', Math.min(60, SECONDS / 5));
const SPACE = 'soak';

const server = await startBenchServer();
const endpoint = server.endpoint;

try {
  const bots: Member[] = [];
  for (let i = 0; i < BOTS; i++) bots.push(await member(endpoint, { space: SPACE, name: `Bot ${i}` }));
  // Commands go to machines that offer the action (the TD says), so every refusal the bots hear is news.
  const twins: string[] = [];
  for (const id of bots[0]!.room.state.twins.keys()) {
    const td = (await (await fetch(`${server.base}/api/twins/${id}/td`)).json()) as { actions?: Record<string, unknown> };
    if (td.actions?.['changeTool']) twins.push(id);
  }
  const counts = { poses: 0, chat: 0, strokes: 0, erased: 0, commands: 0 };
  const start = performance.now();
  const poses = bots.map(() => createPose());
  let tick = 0;
  // Each bot walks its own slow circle (≈ 0.5 m/s) near the spawn point, looking around.
  const walker = setInterval(() => {
    const t = (performance.now() - start) / 1000;
    bots.forEach((b, i) => {
      if (b.closed !== null) return;
      const a = (2 * Math.PI * i) / BOTS;
      restPose(poses[i]!, 6 * Math.cos(a) + 0.5 * Math.cos(t + i), 2 + 4 * Math.sin(a) + 0.5 * Math.sin(t + i), t + i);
      poses[i]!.flags = tick === 0 ? PoseFlag.TELEPORT : 0;
      b.room.sendBytes('pose', encodePose(poses[i]!));
      counts.poses++;
    });
    tick++;
  }, 100);
  // Once a second a tenth of the bots do something else: chat, draw (then erase it), command.
  let round = 0;
  const actor = setInterval(() => {
    bots.forEach((b, i) => {
      if (b.closed !== null || (i + round) % 10 !== 0) return;
      const what = (i + round) % 3;
      if (what === 0) {
        b.room.send('chat.send', { text: `line ${round} from bot ${i}` });
        counts.chat++;
      } else if (what === 1) {
        const mine = b.of<StrokePiece>('board.stroke').filter((s) => s.by === b.id && s.end);
        const last = mine[mine.length - 1];
        if (last && !b.of<{ ids: number[] }>('board.erase').some((e) => e.ids.includes(last.id))) {
          b.room.send('board.erase', { ids: [last.id] });
          counts.erased++;
        } else {
          b.room.send('board.stroke', { key: round, color: '#2e86de', width: 6, points: [i % 1800, 100, (i % 1800) + 40, 160], end: true });
          counts.strokes++;
        }
      } else if (round % 6 === 2 && twins.length > 0) {
        // Rarely: a machine takes at most 4 waiting commands (CMD3), so commands stay well under that.
        b.room.send('twin.command', { twin: twins[i % twins.length]!, action: 'changeTool' });
        counts.commands++;
      }
    });
    round++;
  }, 1000);

  await sleep(WARMUP_S * 1000);
  const rssWarm = server.rssMiB();
  let rssPeak = rssWarm;
  while ((performance.now() - start) / 1000 < SECONDS && !server.crashed) {
    await sleep(1000);
    rssPeak = Math.max(rssPeak, server.rssMiB() || 0);
  }
  clearInterval(walker);
  clearInterval(actor);
  const rssEnd = server.crashed ? NaN : server.rssMiB();
  // Bots' messages are throttled per code; the chat/board bookkeeping above keeps them from being wrong.
  await Promise.all(bots.map((b) => (b.closed === null ? b.roundTrip() : undefined)));
  const refusals = new Map<string, number>();
  for (const b of bots) for (const e of b.errors) refusals.set(e.code, (refusals.get(e.code) ?? 0) + 1);
  const closed = bots.filter((b) => b.closed !== null).length;
  const errorLines = server.errorLines();
  await Promise.all(bots.map((b) => b.room.leave().catch(() => undefined)));

  const growth = ((rssEnd - rssWarm) / rssWarm) * 100;
  console.log(machineLine());
  console.log(`bots ${BOTS}, ${SECONDS} s (warm-up ${WARMUP_S} s); sent: ${JSON.stringify(counts)}`);
  console.log(
    `server RSS: after warm-up ${rssWarm.toFixed(1)} MiB, peak ${rssPeak.toFixed(1)} MiB, end ${rssEnd.toFixed(1)} MiB (${growth.toFixed(1)} %)`,
  );
  console.log(
    `crash: ${server.crashed ?? 'none'}; sessions closed by the server: ${closed}; refusals: ${refusals.size === 0 ? 'none' : JSON.stringify(Object.fromEntries(refusals))}; server error lines: ${errorLines.length}`,
  );
  for (const l of errorLines.slice(0, 5)) console.log(`  ${l.slice(0, 200)}`);
  process.exitCode = server.crashed || closed > 0 || refusals.size > 0 || errorLines.length > 0 || !(growth < 10) ? 1 : 0;
} finally {
  server.stop();
}
