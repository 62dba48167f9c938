/**
 * The video twin's forwarding cost (issue 14): one camera (the built-in 640×360 test pattern, VP8)
 * forwarded by the server to N werift viewers in this process, N = 1, 5, 10. Prints, per N: bytes
 * and packets each viewer received per second, what ffmpeg sent the server per second, and this
 * process's CPU per second (server and viewers together: an upper bound on forwarding, and only
 * meaningful on a quiet machine), the camera's ffmpeg CPU (the per-camera cost, from /proc), and the
 * forwarding latency: from a packet's arrival at the server (the feed's track) to its arrival at
 * each viewer, matched by payload, p50/p99 — server, SRTP and loopback, not glass-to-glass (that
 * needs a browser decoding the picture's clock; not measured here yet).
 *
 *   npx tsx bench/video.ts [--seconds 10] [--viewers 1,5,10]
 */
import { startTestServer } from '../tests/support/server.js';
import { member, type Member } from '../tests/support/inbox.js';
import { watchCamera, type TestViewer } from '../tests/support/videoViewer.js';
import { waitFor } from '../tests/support/wait.js';
import fs from 'node:fs';
import type { RtpPacket } from 'werift';

/** CPU seconds (user + system) of the camera's ffmpeg: the leash shell's children, from /proc. */
function ffmpegCpuSeconds(leash: number | undefined): number {
  if (!leash) return Number.NaN;
  let total = 0;
  for (const task of fs.readdirSync(`/proc/${leash}/task`))
    for (const child of fs.readFileSync(`/proc/${leash}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean)) {
      const fields = fs.readFileSync(`/proc/${child}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    }
  return total;
}
const keyOf = (rtp: RtpPacket) => `${rtp.payload.length}:${rtp.payload.subarray(0, 24).toString('hex')}`;
const pct = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? Number.NaN;

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const SECONDS = Number(arg('seconds', '10'));
const COUNTS = arg('viewers', '1,5,10').split(',').map(Number);

const server = await startTestServer({}, { VIDEO: 'on' });
await waitFor('cam-1 live', () => server.video.feed('cam-1')?.isOnline, 60_000);
const feed = server.video.feed('cam-1')!;
/** When each packet reached the server, by payload. */
const arrived = new Map<string, number>();
feed.track.onReceiveRtp.subscribe((rtp) => {
  arrived.set(keyOf(rtp), performance.now());
  if (arrived.size > 5000) arrived.delete(arrived.keys().next().value!);
});
console.log('viewers  bytes/s/viewer  packets/s/viewer  source bytes/s  process CPU (cores)  ffmpeg CPU (cores)  forward p50/p99 ms');
for (const n of COUNTS) {
  const members: Member[] = [];
  const viewers: TestViewer[] = [];
  for (let i = 0; i < n; i++) {
    const m = await member(server.endpoint, { space: 'factory', name: `Bench ${i}` });
    members.push(m);
    viewers.push(await watchCamera(m, 'cam-1'));
  }
  await waitFor('every viewer receives', () => viewers.every((v) => v.packets > 10), 60_000);
  const delays: number[] = [];
  for (const v of viewers) {
    const track = (
      v.pc.getTransceivers()[0]?.receiver as unknown as { tracks: { onReceiveRtp: { subscribe(f: (r: RtpPacket) => void): void } }[] }
    ).tracks[0];
    track?.onReceiveRtp.subscribe((rtp) => {
      const at = arrived.get(keyOf(rtp));
      if (at !== undefined) delays.push(performance.now() - at);
    });
  }
  const f0 = ffmpegCpuSeconds(feed.pid);
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
      .padStart(14)}  ${((cpu.user + cpu.system) / 1e6 / dt).toFixed(3).padStart(19)}  ${((ffmpegCpuSeconds(feed.pid) - f0) / dt)
      .toFixed(3)
      .padStart(18)}  ${pct(delays, 0.5).toFixed(1)}/${pct(delays, 0.99).toFixed(1)} (${delays.length})`,
  );
  for (const v of viewers) await v.close();
  for (const m of members) await m.room.leave().catch(() => undefined);
}
await server.close();
process.exit(0);
