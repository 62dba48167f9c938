/**
 * The video twin's forwarding cost (issue 14): one camera (the built-in 640×360 test pattern, VP8)
 * forwarded by the server to N werift viewers in this process, N = 1, 5, 10. Prints, per N: bytes
 * and packets each viewer received per second, what ffmpeg sent the server per second, and this
 * process's CPU per second (server and viewers together: an upper bound on forwarding, and only
 * meaningful on a quiet machine). Glass-to-glass latency needs a browser decoding the picture's clock
 * and is not measured here yet.
 *
 *   npx tsx bench/video.ts [--seconds 10] [--viewers 1,5,10]
 */
import { startTestServer } from '../tests/support/server.js';
import { member, type Member } from '../tests/support/inbox.js';
import { watchCamera, type TestViewer } from '../tests/support/videoViewer.js';
import { waitFor } from '../tests/support/wait.js';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(arg('seconds', '10'));
const COUNTS = arg('viewers', '1,5,10').split(',').map(Number);

const server = await startTestServer({}, { VIDEO: 'on' });
await waitFor('cam-1 live', () => server.video.feed('cam-1')?.isOnline, 60_000);
const feed = server.video.feed('cam-1')!;
console.log('viewers  bytes/s/viewer  packets/s/viewer  source bytes/s  process CPU (cores)');
for (const n of COUNTS) {
  const members: Member[] = [];
  const viewers: TestViewer[] = [];
  for (let i = 0; i < n; i++) {
    const m = await member(server.endpoint, { space: 'factory', name: `Bench ${i}` });
    members.push(m);
    viewers.push(await watchCamera(m, 'cam-1'));
  }
  await waitFor('every viewer receives', () => viewers.every((v) => v.packets > 10), 60_000);
  const b0 = viewers.map((v) => v.bytes);
  const p0 = viewers.map((v) => v.packets);
  const s0 = feed.received.bytes;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, SECONDS * 1000));
  const dt = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const bytes = viewers.reduce((s, v, i) => s + v.bytes - b0[i]!, 0) / n / dt;
  const packets = viewers.reduce((s, v, i) => s + v.packets - p0[i]!, 0) / n / dt;
  console.log(
    `${String(n).padStart(7)}  ${Math.round(bytes).toString().padStart(14)}  ${packets.toFixed(1).padStart(16)}  ${Math.round(
      (feed.received.bytes - s0) / dt,
    )
      .toString()
      .padStart(14)}  ${((cpu.user + cpu.system) / 1e6 / dt).toFixed(3).padStart(19)}`,
  );
  for (const v of viewers) await v.close();
  for (const m of members) await m.room.leave().catch(() => undefined);
}
await server.close();
process.exit(0);
