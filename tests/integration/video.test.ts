/**
 * The video twin through a real server (SPEC VT2, VS1–VS3, VW1–VW4): ffmpeg's test pattern reaches
 * WebRTC viewers through the server, which receives each camera once; a camera that goes away shows
 * offline with its reason and comes back by itself; bad signalling is refused by name.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { member, type Member } from '../support/inbox.js';
import { watchCamera } from '../support/videoViewer.js';
import { waitFor } from '../support/wait.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 20 }, { VIDEO: 'on' });
  await waitFor('camera feeds live', () => server.video.feed('cam-1')?.isOnline && server.video.feed('cam-2')?.isOnline, 30_000);
}, 60_000);
afterAll(async () => {
  await server?.close();
});

const leave = (...ms: Member[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));
const prop = (twin: string, name: string) => server.twins.get(twin)?.properties.get(name)?.value;

describe('camera feeds', () => {
  it('VT2 VS1: each camera twin shows online, its resolution, frame rate and since when, in every space state', async () => {
    const a = await member(server.endpoint, { space: 'factory' });
    await waitFor('fps reported', () => (prop('cam-1', 'fps') as number) > 0, 10_000);
    expect(prop('cam-1', 'online')).toBe(true);
    expect(prop('cam-1', 'offlineReason')).toBe('');
    expect(prop('cam-1', 'resolution')).toBe('640x360 (test pattern)');
    expect(Number.isFinite(Date.parse(prop('cam-1', 'since') as string))).toBe(true);
    const cam = await waitFor('cam-1 in the room state', () => a.room.state.twins.get('cam-1'));
    await waitFor('online in the state', () => cam.properties.get('online')?.num === 1, 5000);
    expect(cam.source).toBe('video');
    await leave(a);
  }, 60_000);

  it('VS1 VW1 VW2: two viewers receive the same camera over WebRTC while the server pulls it once', async () => {
    const a = await member(server.endpoint, { space: 'factory' });
    const b = await member(server.endpoint, { space: 'factory' });
    const va = await watchCamera(a, 'cam-1');
    const vb = await watchCamera(b, 'cam-1');
    await waitFor('packets at both viewers', () => va.packets > 20 && vb.packets > 20, 30_000).catch((e: unknown) => {
      throw new Error(`a ${va.packets} ${va.pc.connectionState} b ${vb.packets} ${vb.pc.connectionState}`, { cause: e });
    });
    expect(va.codec).toBe('video/VP8');
    expect(server.video.viewerLinks).toBe(2);
    // One ffmpeg per camera, whatever the number of viewers.
    const pid = server.video.feed('cam-1')!.pid;
    expect(pid).toBeGreaterThan(0);
    await va.close();
    await vb.close();
    await leave(a, b);
    await waitFor('links closed with the sessions', () => server.video.viewerLinks === 0, 10_000);
    expect(server.video.feed('cam-1')!.pid).toBe(pid);
  }, 60_000);

  it('VW3: a viewer that leaves a camera stops receiving it; the other camera goes on', async () => {
    const a = await member(server.endpoint, { space: 'factory' });
    const v1 = await watchCamera(a, 'cam-1');
    const v2 = await watchCamera(a, 'cam-2');
    await waitFor('both cameras arrive', () => v1.packets > 5 && v2.packets > 5, 30_000);
    a.room.send('video.leave', { camera: 'cam-1' });
    await a.roundTrip();
    expect(server.video.viewerLinks).toBe(1);
    const stoppedAt = v1.packets;
    const before = v2.packets;
    await waitFor('cam-2 goes on', () => v2.packets > before + 20, 30_000);
    // Packets already in flight at the leave may land; nothing after that.
    expect(v1.packets - stoppedAt).toBeLessThan(20);
    await v1.close();
    await v2.close();
    await leave(a);
  }, 60_000);

  it('VS2 VS3: a camera that goes away shows offline with why and since when, and is live again by itself — viewers keep watching', async () => {
    const a = await member(server.endpoint, { space: 'factory' });
    const v = await watchCamera(a, 'cam-2');
    await waitFor('first packets', () => v.packets > 5, 30_000);
    const sinceLive = prop('cam-2', 'since');
    server.video.feed('cam-2')!.endRun();
    await waitFor('offline', () => prop('cam-2', 'online') === false, 10_000);
    expect(String(prop('cam-2', 'offlineReason'))).toMatch(/ffmpeg exited|no video/);
    expect(prop('cam-2', 'since')).not.toBe(sinceLive);
    const atOutage = v.packets;
    const offers = a.of('video.offer').length;
    await waitFor('back online', () => prop('cam-2', 'online') === true, 45_000);
    // The same connection carries the restarted feed: no new offer, no restart of the server.
    await waitFor('packets after the restart', () => v.packets > atOutage + 20, 30_000);
    expect(a.of('video.offer')).toHaveLength(offers);
    await v.close();
    await leave(a);
  }, 150_000);
});

describe('video signalling refusals', () => {
  it('VW1: a camera this space does not show, or a twin that is not a camera, is refused as video.unknown_camera', async () => {
    const a = await member(server.endpoint, { space: 'factory' });
    const b = await member(server.endpoint, { space: 'factory' });
    const links = server.video.viewerLinks;
    a.room.send('video.watch', { camera: 'nope' });
    expect((await a.refused('video.unknown_camera')).ref).toBe('video.watch');
    b.room.send('video.watch', { camera: 'pump-1' });
    await b.refused('video.unknown_camera');
    a.room.send('video.watch', { camera: '../../etc' });
    await a.refused('message.invalid');
    await a.roundTrip();
    await b.roundTrip();
    expect(server.video.viewerLinks).toBe(links);
    expect(a.closed).toBeNull();
    await leave(a, b);
  }, 60_000);

  it('VW2: an answer with no offer waiting is video.no_offer, a broken SDP is video.bad_answer; the session stays', async () => {
    const a = await member(server.endpoint, { space: 'factory' });
    const links = server.video.viewerLinks;
    a.room.send('video.answer', { camera: 'cam-1', sdp: 'v=0' });
    await a.refused('video.no_offer');
    a.room.send('video.watch', { camera: 'cam-1' });
    await a.next('video.offer', 1, 20_000);
    a.room.send('video.answer', { camera: 'cam-1', sdp: 'this is not an sdp' });
    await a.refused('video.bad_answer', 20_000);
    await waitFor('the broken link is closed', () => server.video.viewerLinks === links);
    expect(a.closed).toBeNull();
    await leave(a);
  }, 60_000);
});

describe('a server with no ffmpeg and many cameras', () => {
  let other: TestServer;
  let assets: TwinAssets;
  const CAMS = ['cam-1', 'cam-2', 'cam-3', 'cam-4', 'cam-5'];

  beforeAll(async () => {
    // Five cameras copied from cam-1; the binary named by FFMPEG_PATH does not exist.
    const cam = JSON.parse(fs.readFileSync(path.resolve('assets/twins/cam-1.td.json'), 'utf8')) as unknown;
    const extra = Object.fromEntries(CAMS.slice(2).map((id) => [`${id}.td.json`, JSON.stringify(cam)]));
    assets = makeTwinAssets(
      `video_${process.pid}`,
      { cams: { twins: CAMS.map((twin, i) => ({ twin, position: [i * 2 - 4, 0, 2] })) } },
      undefined,
      extra,
    );
    other = await startTestServer(
      { patchRateMs: 20 },
      { VIDEO: 'on', FFMPEG_PATH: '/nonexistent/ffmpeg', ASSETS_DIR: assets.dir, TWINS_DIR: path.join(assets.dir, 'twins') },
    );
  }, 60_000);
  afterAll(async () => {
    await other?.close();
    assets?.remove();
  });

  it('VS2: with no ffmpeg every camera shows offline, saying the binary is missing and how to name it', async () => {
    const p = (n: string) => other.twins.get('cam-3')?.properties.get(n)?.value;
    await waitFor(
      'offline with its reason',
      () => p('online') === false && String(p('offlineReason')).includes('ffmpeg not found'),
      20_000,
    );
    expect(p('offlineReason')).toContain('FFMPEG_PATH');
    expect(Number.isFinite(Date.parse(String(p('since'))))).toBe(true);
  }, 60_000);

  it('VW4: a fifth camera at once is refused as video.limit; leaving one makes room', async () => {
    const a = await member(other.endpoint, { space: 'cams' });
    for (const camera of CAMS.slice(0, 4)) a.room.send('video.watch', { camera });
    await waitFor('four offers', () => a.of('video.offer').length === 4, 40_000);
    a.room.send('video.watch', { camera: 'cam-5' });
    expect((await a.refused('video.limit', 20_000)).ref).toBe('video.watch');
    a.room.send('video.leave', { camera: 'cam-1' });
    a.room.send('video.watch', { camera: 'cam-5' });
    await waitFor('the fifth offer', () => a.of<{ camera: string }>('video.offer').some((o) => o.camera === 'cam-5'), 20_000);
    expect(other.video.viewerLinks).toBe(4);
    await leave(a);
  }, 90_000);
});
