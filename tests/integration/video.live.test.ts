/**
 * A live camera stays live (SPEC VS5) through a real server and real ffmpeg: the RTSP test camera
 * (tests/support/rtspServer.ts) draws each picture with the time it was drawn (rtspStamp.ts); a werift
 * viewer decodes what the server sends it and reads those times back. The server's ffmpeg is paused
 * (SIGSTOP) while the camera runs on, then let go (SIGCONT) with seconds of the camera's pictures
 * waiting for it: instead of playing that backlog to the viewer, the server restarts its reader, says
 * why (the camera's status reason and a log line) and the viewer sees the camera live again.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { RtpPacket } from 'werift';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { member } from '../support/inbox.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { startRtspServer, type RtspServer } from '../support/rtspServer.js';
import { stampReader, type StampReader } from '../support/rtspStamp.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { watchCamera, type TestViewer } from '../support/videoViewer.js';
import { waitFor } from '../support/wait.js';

const FPS = 10;
/** How far the camera runs ahead of the paused reader, ms: past the 3 s of VS5, short of the 8 s of silence of VS2. */
const PAUSE_MS = 5000;

let rtsp: RtspServer;
let assets: TwinAssets;
let server: LoggedServer;
let reader: StampReader | null = null;

beforeAll(async () => {
  rtsp = await startRtspServer({ picture: 'stamped', fps: FPS });
  assets = makeTwinAssets(`live_${process.pid}`, { yard: { twins: [{ twin: 'cam-2', position: [2, 0, 2] }] } }, (id, td) => {
    const cam = td['tv:camera'] as Record<string, unknown> | undefined;
    // cam-2 reads the camera, small and slow (the machine is shared); cam-1 asks for a path the camera
    // does not serve, so its ffmpeg ends at once and waits out its backoff (no second decoder running).
    if (cam)
      Object.assign(cam, { source: id === 'cam-2' ? rtsp.url() : `rtsp://127.0.0.1:${rtsp.port}/none`, width: 320, height: 180, fps: FPS });
  });
  server = await startLoggedServer({ VIDEO: 'on', ASSETS_DIR: assets.dir, TWINS_DIR: path.join(assets.dir, 'twins') });
}, 60_000);
afterAll(async () => {
  reader?.close();
  await server?.close();
  await rtsp?.close();
  assets?.remove();
});

/** The viewer's receiving track (werift keeps it on the receiver), as bench/video.ts reads it. */
const trackOf = (v: TestViewer) =>
  (v.pc.getTransceivers()[0]?.receiver as unknown as { tracks: { onReceiveRtp: { subscribe(f: (r: RtpPacket) => void): void } }[] })
    .tracks[0]!;

/** The ffmpeg under a feed's leash shell (server/video/feed.ts): the shell's child named ffmpeg. */
function ffmpegUnder(leash: number): number {
  for (const task of fs.readdirSync(`/proc/${leash}/task`))
    for (const child of fs.readFileSync(`/proc/${leash}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean))
      if (fs.readFileSync(`/proc/${child}/comm`, 'utf8').trim() === 'ffmpeg') return Number(child);
  throw new Error(`no ffmpeg under process ${leash}`);
}

describe('a live camera', () => {
  it('VS5: a reader paused while the camera runs on rejoins it live: restarted with a reason and a log line, none of the pictures made meanwhile reach the viewer', async () => {
    await waitFor('cam-2 online', () => server.twins.get('cam-2')?.properties.get('online')?.value === true, 150_000);
    const a = await member(server.endpoint, { space: 'yard' });
    // The camera's status reasons as every client sees them, patch by patch.
    const reasons: string[] = [];
    a.room.onStateChange((s) => {
      const r = s.twins.get('cam-2')?.properties.get('offlineReason')?.text;
      if (r && reasons.at(-1) !== r) reasons.push(r);
    });
    const v = await watchCamera(a, 'cam-2');
    reader = stampReader();
    /** When each picture the viewer decoded was drawn (this process's performance.now()). */
    const shown: number[] = [];
    reader.onAge = (ms) => shown.push(performance.now() - ms);
    const r = reader;
    trackOf(v).onReceiveRtp.subscribe((rtp) => r.feed(rtp.payload, rtp.header.marker));
    await waitFor('pictures at the viewer', () => shown.length >= 5, 60_000);

    const feed = server.video.feed('cam-2')!;
    const ffmpeg = ffmpegUnder(feed.pid!);
    process.kill(ffmpeg, 'SIGSTOP');
    const pausedAt = performance.now();
    const cameraAt = rtsp.clockMs;
    try {
      // The camera's own clock, not a sleep: it has made PAUSE_MS of pictures the reader has not read.
      await waitFor('the camera to run on', () => rtsp.clockMs >= cameraAt + PAUSE_MS, 60_000);
    } finally {
      process.kill(ffmpeg, 'SIGCONT');
    }
    const resumedAt = performance.now();

    await waitFor('a picture drawn after the reader went on', () => shown.some((t) => t > resumedAt), 120_000);
    // Not one of the pictures that waited for the paused reader was played to the viewer.
    expect(shown.filter((t) => t > pausedAt && t < resumedAt)).toEqual([]);
    expect(reasons.some((x) => /^fell \d+ s behind live; rejoining the camera$/.test(x))).toBe(true);
    expect(server.lines.some((l) => l.includes('camera feed behind live: restarting its reader'))).toBe(true);
    await v.close();
    await a.room.leave();
  }, 360_000);
});
