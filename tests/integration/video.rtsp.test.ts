/**
 * RTSP cameras through a real server (SPEC RT1–RT3, VS2, VS3, VT3): a camera twin whose source is an
 * rtsp:// URL (the test camera of tests/support/rtspServer.ts: H.264 over RTSP, RTP interleaved in TCP,
 * Digest auth) reaches a WebRTC viewer as VP8; the camera unplugged shows offline with the time and is
 * live again when it comes back, with no restart; wrong credentials are a named reason, and no
 * password is ever in a reason, a served TD or a log line.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { member, type Member } from '../support/inbox.js';
import { startRtspServer, type RtspServer } from '../support/rtspServer.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { watchCamera } from '../support/videoViewer.js';
import { waitFor } from '../support/wait.js';
import path from 'node:path';

const USER = 'viewer';
const PASSWORD = 'S3cret-pw';
const WRONG = 'Wr0ng-pw';

let rtsp: RtspServer;
let assets: TwinAssets;
let server: LoggedServer;

beforeAll(async () => {
  rtsp = await startRtspServer({ auth: { user: USER, password: PASSWORD, scheme: 'digest' } });
  // cam-2 is the camera with its password; cam-1 the same camera with a wrong one.
  const source = (id: string) => rtsp.url({ user: USER, password: id === 'cam-2' ? PASSWORD : WRONG });
  assets = makeTwinAssets(
    `rtsp_${process.pid}`,
    {
      yard: {
        twins: [
          { twin: 'cam-1', position: [-2, 0, 2] },
          { twin: 'cam-2', position: [2, 0, 2] },
        ],
      },
    },
    (id, td) => {
      const cam = td['tv:camera'] as Record<string, unknown> | undefined;
      // Small and slow: ffmpeg decodes and encodes it on a machine shared by many test runs.
      if (cam) Object.assign(cam, { source: source(id), width: 320, height: 180, fps: 10 });
    },
  );
  server = await startLoggedServer({ VIDEO: 'on', ASSETS_DIR: assets.dir, TWINS_DIR: path.join(assets.dir, 'twins') });
}, 60_000);
afterAll(async () => {
  await server?.close();
  await rtsp?.close();
  assets?.remove();
});

const prop = (twin: string, name: string) => server.twins.get(twin)?.properties.get(name)?.value;
const leave = (...ms: Member[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));

describe('an RTSP camera', () => {
  it('RT1 RT2: a camera twin with an rtsp:// source (H.264, RTP over TCP, Digest auth) reaches a viewer as a playing video track', async () => {
    // ffmpeg probes the stream before its first packet: tens of seconds on a loaded machine.
    await waitFor('cam-2 online', () => prop('cam-2', 'online') === true, 150_000);
    expect(prop('cam-2', 'resolution')).toBe('320x180');
    // The server is the camera's one client, whoever watches.
    expect(rtsp.playing).toBe(1);
    const a = await member(server.endpoint, { space: 'yard' });
    const v = await watchCamera(a, 'cam-2');
    await waitFor('packets at the viewer', () => v.packets > 20, 30_000);
    expect(v.codec).toBe('video/VP8');
    expect(rtsp.playing).toBe(1);
    await v.close();
    await leave(a);
  }, 240_000);

  it('RT3 VT3: wrong credentials are an offline reason naming the refusal; no password is in a reason, a served TD or a log line', async () => {
    await waitFor('cam-1 refused', () => /401 Unauthorized/.test(String(prop('cam-1', 'offlineReason'))), 60_000);
    expect(prop('cam-1', 'online')).toBe(false);
    expect(rtsp.unauthorized).toBeGreaterThan(0);
    const reason = String(prop('cam-1', 'offlineReason'));
    expect(reason).toContain('rtsp://…@127.0.0.1');
    const td = await (await fetch(`http://127.0.0.1:${server.port}/api/twins/cam-1/td`)).text();
    expect(td).toContain('"source":"rtsp"');
    const said = [reason, td, ...server.lines].join('\n');
    expect(said).toContain('camera feed offline');
    for (const secret of [WRONG, PASSWORD, encodeURIComponent(WRONG)]) expect(said).not.toContain(secret);
  }, 120_000);

  it('VS2 VS3 RT1: the RTSP server going away puts the camera offline with the time; back, it is live again for the same viewer with no restart', async () => {
    await waitFor('cam-2 online', () => prop('cam-2', 'online') === true, 60_000);
    const a = await member(server.endpoint, { space: 'yard' });
    const v = await watchCamera(a, 'cam-2');
    await waitFor('first packets', () => v.packets > 5, 30_000);
    const liveSince = String(prop('cam-2', 'since'));
    const offers = a.of('video.offer').length;

    await rtsp.down();
    // ffmpeg sends what it still holds first: on a loaded machine that can be many seconds of video.
    await waitFor('cam-2 offline', () => prop('cam-2', 'online') === false, 120_000);
    const offSince = String(prop('cam-2', 'since'));
    expect(Number.isFinite(Date.parse(offSince))).toBe(true);
    expect(Date.parse(offSince)).toBeGreaterThanOrEqual(Date.parse(liveSince));
    expect(offSince).not.toBe(liveSince);
    expect(String(prop('cam-2', 'offlineReason'))).not.toBe('');
    const atOutage = v.packets;

    await rtsp.up();
    await waitFor('cam-2 live again', () => prop('cam-2', 'online') === true, 120_000);
    await waitFor('packets after the return', () => v.packets > atOutage + 20, 30_000);
    // The same connection carries the camera again: no new offer.
    expect(a.of('video.offer')).toHaveLength(offers);
    expect(String(prop('cam-2', 'since'))).not.toBe(offSince);
    await v.close();
    await leave(a);
  }, 360_000);
});
