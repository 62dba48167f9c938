/**
 * Fuzz under load (issue 10): 100,000 generated hostile messages from many sessions (the generators of
 * tests/support/hostile.ts, shared with the fuzz test) plus floods of valid messages far past their
 * rates (poses, chat, board strokes, machine commands), at a real server in a separate process, while
 * a good client keeps measuring its own pose round trip (send a pose, see it in its own state).
 *
 * Prints crashes (the server process ending), violations (refusals without a known code, attackers
 * closed with another code than 4431, the good client refused or closed, ghost avatars or avatars
 * outside the hall afterwards, /health not 200, error-level server log lines), the server's RSS
 * before / at peak / after, and the good client's round-trip p50/p99 before and during the attack.
 * Goal: 0 crashes, 0 violations, RSS back within 10 % after, p99 ≤ 150 ms during. Loopback only.
 *
 *   npx tsx bench/fuzz.ts [--messages 100000] [--per-session 90] [--at-once 4] [--floods 4] [--settle 10]
 */
import { ERROR_TEXT } from '../shared/protocol/errors.js';
import { createPose, encodePose } from '../shared/protocol/pose.js';
import { restPose } from '../shared/space/spawn.js';
import { CloseCode } from '../shared/protocol/version.js';
import { attack, hostileBatches } from '../tests/support/hostile.js';
import { member, type Member } from '../tests/support/inbox.js';
import { arg, machineLine, sleep, startBenchServer } from './benchServer.js';
import { waitFor } from '../tests/support/wait.js';

const MESSAGES = arg('messages', 100_000);
// Under the refusal budget (HD6: 100 at once): every hostile message of a session reaches the server's
// handlers instead of a session it has already closed. The floods exercise the budget's close.
const PER_SESSION = arg('per-session', 90);
const AT_ONCE = arg('at-once', 4);
const FLOODS = arg('floods', 4);
const SETTLE_S = arg('settle', 10);
const FLOOD_BATCH = 2000;
const SPACE = 'fuzz';

function pct(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

// --- the server, in its own process so its RSS and a crash are its own ---
const server = await startBenchServer();
const endpoint = server.endpoint;
const violations: string[] = [];
const violation = (what: string) => {
  if (violations.length < 50) violations.push(what);
  else violations[49] = `… and more (last: ${what})`;
};

try {
  let phase = 'joining';
  const progress = setInterval(() => {
    const pending = `${phase}: rss ${server.rssMiB().toFixed(0)} MiB`;
    process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${pending}; ${status()}\n`);
  }, 10_000);
  let status = () => '';
  const good = await member(endpoint, { space: SPACE, name: 'Good' });
  const watcher = await member(endpoint, { space: SPACE, name: 'Watcher' });

  // --- the good client's pose round trip: send a pose, wait until the watcher hears it (pose frames) ---
  const me = good.poses.get(good.id)!;
  const pose = restPose(createPose(), me.head.px, me.head.pz, 0);
  const base = pose.head.px;
  let step = 0;
  async function roundTrip(): Promise<number> {
    const target = base + (step++ % 2 === 0 ? 0.02 : 0);
    pose.head.px = target;
    const t0 = performance.now();
    const seen = new Promise<number>((resolve) => {
      const off = watcher.onPoses(() => {
        if (Math.abs((watcher.poses.get(good.id)?.head.px ?? NaN) - target) < 1e-3) {
          off();
          resolve(performance.now() - t0);
        }
      });
    });
    good.room.sendBytes('pose', encodePose(pose));
    return Promise.race([seen, sleep(5000).then(() => Infinity)]);
  }
  async function sample(until: () => boolean, into: number[]): Promise<void> {
    while (!until()) {
      into.push(await roundTrip());
      await sleep(20); // ≈ 14 samples a second: a person's pose stream is 30 Hz, this measures, not loads
    }
  }
  await sample(() => step >= 20, []); // warm-up
  const before: number[] = [];
  phase = 'round trips before';
  status = () => `${before.length} samples`;
  await sample(() => before.length >= 200, before);

  await sleep(2000);
  const rssBefore = server.rssMiB();
  let rssPeak = rssBefore;
  const rssTimer = setInterval(() => (rssPeak = Math.max(rssPeak, server.rssMiB() || 0)), 500);

  // --- the attack: hostile batches, AT_ONCE sessions at a time, with floods beside them ---
  const known = (c: string) => c in ERROR_TEXT;
  let refusals = 0;
  let closedByBudget = 0;
  let sessions = 0;
  const batches = hostileBatches(MESSAGES, PER_SESSION, 10);
  let attacking = true;
  const during: number[] = [];
  const sampler = sample(() => !attacking, during);

  let floodMessages = 0;
  let floodSessions = 0;
  const floodKinds = ['pose', 'chat', 'board', 'command'] as const;
  async function flood(kind: (typeof floodKinds)[number]): Promise<void> {
    const fp = createPose();
    while (attacking) {
      let m: Member;
      try {
        m = await member(endpoint, { space: SPACE, name: `Flood ${kind}` });
      } catch (err) {
        violation(`flood ${kind} could not join: ${(err as Error).message}`);
        return;
      }
      floodSessions++;
      const a = m.poses.get(m.id)!;
      restPose(fp, a.head.px, a.head.pz, 0);
      for (let i = 0; i < FLOOD_BATCH && m.closed === null; i++) {
        if (kind === 'pose') m.room.sendBytes('pose', encodePose(fp));
        else if (kind === 'chat') m.room.send('chat.send', { text: `flood ${i}` });
        else if (kind === 'board')
          m.room.send('board.stroke', { key: i, color: '#ff0000', width: 4, points: [i % 1000, 10, 20, 30], end: true });
        else m.room.send('twin.command', { twin: 'cnc-1', action: 'changeTool' });
        floodMessages++;
        if (i % 100 === 99) await new Promise((r) => setImmediate(r));
      }
      // A session the server closed never answers a leave (colyseus.js waits for a second close).
      const closed = m.closed;
      if (closed === null) await m.room.leave().catch(() => undefined);
      for (const e of m.errors) if (!known(e.code)) violation(`flood ${kind}: unknown refusal ${e.code}`);
      if (closed !== null && closed !== CloseCode.TOO_MANY_REFUSALS) violation(`flood ${kind} closed with ${closed}`);
    }
  }
  const floods = Array.from({ length: FLOODS }, (_, i) => flood(floodKinds[i % floodKinds.length]!));

  const t0 = performance.now();
  phase = 'attack';
  status = () =>
    `${sessions}/${batches.length} attacker sessions, ${floodSessions} flood sessions, ${during.length} samples, good refused ${good.errors.length}`;
  for (let i = 0; i < batches.length && !server.crashed; i += AT_ONCE) {
    const results = await Promise.all(
      batches.slice(i, i + AT_ONCE).map((b) =>
        attack(endpoint, SPACE, b).catch((err: Error) => {
          violation(`attacker could not join: ${err.message}`);
          return { refusals: [], closed: null };
        }),
      ),
    );
    for (const r of results) {
      sessions++;
      refusals += r.refusals.length;
      for (const c of r.refusals) if (!known(c)) violation(`unknown refusal code ${c}`);
      if (r.closed === CloseCode.TOO_MANY_REFUSALS) closedByBudget++;
      else if (r.closed !== null) violation(`attacker closed with ${r.closed}`);
    }
  }
  const attackSeconds = (performance.now() - t0) / 1000;
  attacking = false;
  phase = 'stopping the floods';
  await Promise.all([sampler, ...floods]);
  phase = 'checking';
  clearInterval(rssTimer);

  // --- afterwards: the state holds exactly the people still here, all inside the hall ---
  const observer = await member(endpoint, { space: SPACE, name: 'Observer' });
  const s = observer.room.state;
  const ids = [...s.avatars.keys()].sort();
  const expected = [good.id, watcher.id, observer.id].sort();
  if (JSON.stringify(ids) !== JSON.stringify(expected)) violation(`avatars after the attack: ${ids.length} (expected 3)`);
  await waitFor('the observer to hear of everyone', () => [...s.avatars.keys()].every((id) => observer.poses.has(id)));
  for (const [id] of s.avatars) {
    const { px, py, pz } = observer.poses.get(id)!.head;
    if (![px, py, pz].every(Number.isFinite) || Math.abs(px) > s.space.width / 2 || Math.abs(pz) > s.space.depth / 2)
      violation(`avatar ${id} outside the hall: ${px}, ${py}, ${pz}`);
  }
  for (const e of good.errors) if (e.code !== 'message.rate') violation(`good client refused: ${e.code}`);
  if (good.closed !== null) violation(`good client closed with ${good.closed}`);
  const health = await fetch(`${server.base}/health`).catch(() => null);
  if (health?.status !== 200) violation(`/health answered ${health?.status ?? 'nothing'}`);
  const errorLines = server.errorLines();
  for (const l of errorLines.slice(0, 5)) violation(`server logged: ${l.slice(0, 200)}`);

  await Promise.all([good, watcher, observer].map((m) => m.room.leave().catch(() => undefined)));
  phase = 'settling';
  await sleep(SETTLE_S * 1000);
  const rssAfter = server.rssMiB();
  clearInterval(progress);

  before.sort((a, b) => a - b);
  during.sort((a, b) => a - b);
  const lost = during.filter((x) => x === Infinity).length + before.filter((x) => x === Infinity).length;
  const ms = (x: number) => (Number.isFinite(x) ? `${x.toFixed(1)} ms` : 'lost');
  console.log(machineLine());
  console.log(`hostile messages: ${batches.flat().length} from ${sessions} sessions in ${attackSeconds.toFixed(1)} s (${AT_ONCE} at once)`);
  console.log(
    `flood messages:   ${floodMessages} from ${floodSessions} sessions (${FLOODS} at once: ${floodKinds.slice(0, FLOODS).join(', ')})`,
  );
  console.log(`refusals heard:   ${refusals}; attackers closed by the refusal budget (4431): ${closedByBudget}`);
  console.log(`crashes:          ${server.crashed ? 1 : 0}${server.crashed ? ` (${server.crashed})` : ''}`);
  console.log(`violations:       ${violations.length}`);
  for (const v of violations) console.log(`  - ${v}`);
  console.log(
    `server RSS:       before ${rssBefore.toFixed(1)} MiB, peak ${rssPeak.toFixed(1)} MiB, after ${SETTLE_S} s ${rssAfter.toFixed(1)} MiB (${(((rssAfter - rssBefore) / rssBefore) * 100).toFixed(1)} %)`,
  );
  console.log(
    `good pose RTT:    before p50 ${ms(pct(before, 50))} p99 ${ms(pct(before, 99))} (n=${before.length}); during p50 ${ms(pct(during, 50))} p99 ${ms(pct(during, 99))} (n=${during.length}); lost ${lost}`,
  );
  process.exitCode = server.crashed || violations.length > 0 ? 1 : 0;
} finally {
  server.stop();
}
