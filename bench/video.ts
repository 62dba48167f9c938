/**
 * The video twin's forwarding cost (issue 14): one camera (the built-in 640×360 test pattern, VP8)
 * forwarded by the server to N werift viewers in this process, N = 1, 5, 10. Prints, per N: bytes
 * and packets each viewer received per second, what ffmpeg sent the server per second, and this
 * process's CPU per second (server and viewers together: an upper bound on forwarding, and only
 * meaningful on a quiet machine), the camera's ffmpeg CPU (the per-camera cost, from /proc), and the
 * forwarding latency: from a packet's arrival at the server (the feed's track) to its arrival at
 * each viewer, matched by payload, p50/p99 — server, SRTP and loopback.
 *
 * Then glass-to-glass (SPEC RT1's path): an RTSP test camera (tests/support/rtspServer.ts) whose
 * frames carry the time they were drawn (tests/support/rtspStamp.ts) is pulled by the server like a
 * real camera (H.264 over RTSP/TCP → ffmpeg → VP8 → werift) and forwarded to N viewers; one of them
 * decodes what it receives (ffmpeg, VP8 → grey pixels) and reads each picture's time back: p50/p99 of
 * drawn → decoded. What a browser adds on top (its jitter buffer, one display refresh) is not in it.
 *
 *   npx tsx bench/video.ts [--seconds 10] [--viewers 1,5,10] [--part forward|glass|both] [--glass-size 640x360@15]
 */
import path from 'node:path';
import { startTestServer } from '../tests/support/server.js';
import { startRtspServer } from '../tests/support/rtspServer.js';
import { stampReader } from '../tests/support/rtspStamp.js';
import { makeTwinAssets } from '../tests/support/twinAssets.js';
import { member, type Member } from '../tests/support/inbox.js';
import { watchCamera, type TestViewer } from '../tests/support/videoViewer.js';
import { waitFor } from '../tests/support/wait.js';
import fs from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
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
const PART = arg('part', 'both');
/** Size and rate the server asks of the RTSP camera (its TD's width, height, fps). */
const [GW, GH, GFPS] = arg('glass-size', '640x360@15').split(/[x@]/).map(Number) as [number, number, number];

/** The viewer's receiving track (werift keeps it on the receiver). */
const trackOf = (v: TestViewer) =>
  (v.pc.getTransceivers()[0]?.receiver as unknown as { tracks: { onReceiveRtp: { subscribe(f: (r: RtpPacket) => void): void } }[] })
    .tracks[0];

// cam-1: the built-in test pattern; cam-2: the stamped RTSP camera (by default at the factory cameras' 640×360, 15 fps).
const camera = await startRtspServer({ picture: 'stamped', fps: GFPS });
const assets = makeTwinAssets(
  `bench_video_${process.pid}`,
  {
    bench: {
      twins: [
        ...(PART === 'glass' ? [] : [{ twin: 'cam-1', position: [-2, 0, 2] as [number, number, number] }]),
        { twin: 'cam-2', position: [2, 0, 2] },
      ],
    },
  },
  (id, td) => {
    const cam = td['tv:camera'] as Record<string, unknown> | undefined;
    if (cam && id === 'cam-2') Object.assign(cam, { source: camera.url(), width: GW, height: GH, fps: GFPS });
  },
);
// Glass-to-glass alone runs no other camera: cam-1's test-pattern encode (0.4–0.6 of a core) would
// otherwise share this 2-core machine with the three ffmpegs being measured.
if (PART === 'glass') fs.rmSync(path.join(assets.dir, 'twins', 'cam-1.td.json'));
const server = await startTestServer({}, { VIDEO: 'on', ASSETS_DIR: assets.dir, TWINS_DIR: path.join(assets.dir, 'twins') });
/** When each packet reached the server, by payload. */
const arrived = new Map<string, number>();
if (PART !== 'glass') await forwarding();
if (PART !== 'forward') await glassToGlass();
await server.close();
await camera.close();
assets.remove();
process.exit(0);

async function forwarding(): Promise<void> {
  await waitFor('cam-1 live', () => server.video.feed('cam-1')?.isOnline, 60_000);
  const feed = server.video.feed('cam-1')!;
  feed.track.onReceiveRtp.subscribe((rtp) => {
    arrived.set(keyOf(rtp), performance.now());
    if (arrived.size > 5000) arrived.delete(arrived.keys().next().value!);
  });
  console.log('viewers  bytes/s/viewer  packets/s/viewer  source bytes/s  process CPU (cores)  ffmpeg CPU (cores)  forward p50/p99 ms');
  for (const n of COUNTS) {
    const members: Member[] = [];
    const viewers: TestViewer[] = [];
    for (let i = 0; i < n; i++) {
      const m = await member(server.endpoint, { space: 'bench', name: `Bench ${i}` });
      members.push(m);
      viewers.push(await watchCamera(m, 'cam-1'));
    }
    await waitFor('every viewer receives', () => viewers.every((v) => v.packets > 10), 60_000);
    const delays: number[] = [];
    for (const v of viewers) {
      trackOf(v)?.onReceiveRtp.subscribe((rtp) => {
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
}

async function glassToGlass(): Promise<void> {
  await waitFor('cam-2 (RTSP) live', () => server.video.feed('cam-2')?.isOnline, 120_000);
  console.log(`\nglass-to-glass (stamped RTSP camera → server ${GW}x${GH}@${GFPS} → viewer decode)`);
  // The camera, the server and the viewers share this process's event loop (a real camera is elsewhere):
  // its delay p99/max says whether late pictures are this process's own stalls.
  console.log('viewers  pictures read  glass-to-glass p50/p99 ms  max ms  server fps  bench loop delay p99/max ms');
  for (const n of COUNTS) {
    const members: Member[] = [];
    const viewers: TestViewer[] = [];
    for (let i = 0; i < n; i++) {
      const m = await member(server.endpoint, { space: 'bench', name: `Glass ${i}` });
      members.push(m);
      viewers.push(await watchCamera(m, 'cam-2'));
    }
    await waitFor('every viewer receives', () => viewers.every((v) => v.packets > 10), 60_000);
    const reader = stampReader();
    const ages: number[] = [];
    trackOf(viewers[0]!)?.onReceiveRtp.subscribe((rtp) => reader.feed(rtp.payload, rtp.header.marker));
    // The first pictures after joining wait for a keyframe: measure from the first one read.
    await new Promise<void>((resolve) => (reader.onAge = () => resolve()));
    reader.onAge = (ms) => ages.push(ms);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    loop.disable();
    reader.close();
    const loopMs = `${(loop.percentile(99) / 1e6).toFixed(0)}/${(loop.max / 1e6).toFixed(0)}`;
    const p50p99 = `${pct(ages, 0.5).toFixed(0)}/${pct(ages, 0.99).toFixed(0)}`;
    // Frames per second the server's ffmpeg delivered over the last second (the camera sends GFPS).
    const fps = String(server.twins.get('cam-2')?.properties.get('fps')?.value);
    const max = Math.max(...ages).toFixed(0);
    console.log(
      `${String(n).padStart(7)}  ${String(ages.length).padStart(13)}  ${p50p99.padStart(25)}  ${max.padStart(6)}  ${fps.padStart(10)}  ${loopMs.padStart(27)}`,
    );
    for (const v of viewers) await v.close();
    for (const m of members) await m.room.leave().catch(() => undefined);
  }
}
