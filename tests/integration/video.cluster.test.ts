/**
 * Camera feeds shared by two server processes (SPEC VS4), on the real Redis and the real ffmpeg: two
 * twin runtimes with their own leases and video hubs stand for two processes. Only the camera's
 * owner runs its ffmpeg; the other shows the owner's status and serves its own viewer from the
 * packets the owner relays; when the owner gives the camera up, the other runs it.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { RedisPresence } from '@colyseus/redis-presence';
import { Redis } from 'ioredis';
import { RTCPeerConnection } from 'werift';
import { loadTwinDefinitions } from '../../server/twins/loader.js';
import { TwinRuntime } from '../../server/twins/runtime.js';
import { Store } from '../../server/store/store.js';
import { Journal } from '../../server/audit/journal.js';
import { NoteBook } from '../../server/audit/notebook.js';
import { shareTwins, type TwinShare } from '../../server/cluster/twinShare.js';
import { VideoHub } from '../../server/video/hub.js';
import { FeedRelay } from '../../server/video/relay.js';
import { uniqueName } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/3';
const quiet = pino({ level: 'silent' });
const FFMPEG = process.env.FFMPEG_PATH ?? 'ffmpeg';

interface Node {
  runtime: TwinRuntime;
  share: TwinShare;
  hub: VideoHub;
  close(): Promise<void>;
}

async function node(prefix: string): Promise<Node> {
  const { twins } = await loadTwinDefinitions(path.resolve('assets/twins'));
  const journal = new Journal({ recordAudit: () => undefined });
  const runtime = new TwinRuntime(twins, {
    mqttUrl: undefined,
    simulator: false,
    seed: 1,
    commandTimeoutMs: 5000,
    store: new Store({ databaseUrl: undefined, dataDir: undefined, schema: 'unused' }, quiet).commands,
    log: quiet,
    memory: { journal, alarmEvent: () => undefined },
  });
  const notes = new NoteBook({ recordNote: () => undefined }, journal);
  const presence = new RedisPresence(REDIS_URL);
  const redis = new Redis(REDIS_URL);
  const sub = new Redis(REDIS_URL);
  const share = await shareTwins(presence, redis, runtime, journal, notes, { prefix, leaseMs: 1500, forwardTimeoutMs: 4000, log: quiet });
  runtime.start();
  let hub: VideoHub | null = null;
  const relay = new FeedRelay(redis, sub, {
    prefix,
    log: quiet,
    packet: (camera, packet) => hub?.relayedPacket(camera, packet),
    status: (s) => hub?.relayedStatus(s),
  });
  await relay.start();
  hub = new VideoHub(runtime, { video: true, ffmpegPath: FFMPEG }, quiet, {}, { ownership: share.leases, relay });
  await hub.start();
  const h = hub;
  let closed = false;
  return {
    runtime,
    share,
    hub: h,
    async close() {
      if (closed) return;
      closed = true;
      await share.stop();
      h.stop();
      await relay.stop();
      await runtime.stop();
      presence.shutdown();
      redis.disconnect();
      sub.disconnect();
    },
  };
}

/**
 * A werift viewer of `camera` through `hub` directly (the room's routes are tested in video.test.ts).
 * Like tests/support/videoViewer.ts it asks again when a connection fails: werift ↔ werift in one
 * loaded process sometimes loses its first DTLS handshake.
 */
async function viewer(hub: VideoHub, key: string, camera: string) {
  const seen = { packets: 0 };
  for (let attempt = 1; ; attempt++) {
    const offer = await hub.watch(key, camera);
    if (!offer.ok) throw new Error(`no offer: ${offer.code}`);
    const pc = new RTCPeerConnection({ iceServers: [{ urls: 'stun:127.0.0.1:9' }], iceUseIpv6: false });
    pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe(() => void seen.packets++));
    await pc.setRemoteDescription({ type: 'offer', sdp: offer.value });
    await pc.setLocalDescription(await pc.createAnswer());
    const answered = await hub.answer(key, camera, pc.localDescription!.sdp);
    if (!answered.ok) throw new Error(`answer refused: ${answered.code}`);
    const state = await waitFor(
      'connected or failed',
      () => (['connected', 'failed'].includes(pc.connectionState) ? pc.connectionState : false),
      40_000,
    );
    if (state === 'connected') return { seen, pc };
    await pc.close();
    if (attempt >= 3) throw new Error(`the connection for ${camera} failed ${attempt} times`);
  }
}

let a: Node;
let b: Node;
const online = (n: Node, cam: string) => n.runtime.get(cam)?.properties.get('online')?.value === true;

beforeAll(async () => {
  const prefix = `${uniqueName('vcluster')}:`;
  a = await node(prefix);
  b = await node(prefix);
}, 60_000);
afterAll(async () => {
  await a?.close();
  await b?.close();
});

describe('camera feeds across processes', () => {
  it('VS4: only the owner of a camera runs its ffmpeg; the other shows it online and serves its viewer from the relayed packets; a new owner runs it', async () => {
    // Both processes tried for every lease at start: each camera has exactly one owner.
    await waitFor('cam-1 owned', () => a.share.leases.owns('cam-1') !== b.share.leases.owns('cam-1'), 10_000);
    const [owner, other] = a.share.leases.owns('cam-1') ? [a, b] : [b, a];
    await waitFor('cam-1 live at its owner', () => owner.hub.feed('cam-1')?.isOnline, 30_000);
    expect(owner.hub.feed('cam-1')!.running).toBe(true);
    expect(other.hub.feed('cam-1')!.running).toBe(false);
    expect(other.hub.feed('cam-1')!.pid).toBeUndefined();
    await waitFor('the other shows it online', () => online(other, 'cam-1'), 10_000);

    const v = await viewer(other.hub, 'room/ada', 'cam-1');
    // Relayed into the other process's own track first (its counters), then to its viewer.
    await waitFor('packets relayed to the other process', () => other.hub.feed('cam-1')!.received.packets > 20, 20_000);
    await waitFor('relayed packets at the other process’s viewer', () => v.seen.packets > 20, 40_000).catch((e: unknown) => {
      throw new Error(`viewer ${v.pc.connectionState}, ${v.seen.packets} packets`, { cause: e });
    });
    expect(other.hub.feed('cam-1')!.running).toBe(false);
    await v.pc.close();
    other.hub.leaveAll('room/ada');

    // The owner gives its twins up (a clean stop): the other takes the camera and runs it itself.
    await owner.close();
    await waitFor('the other owns cam-1', () => other.share.leases.owns('cam-1'), 10_000);
    await waitFor('and runs its ffmpeg', () => other.hub.feed('cam-1')?.isOnline, 30_000);
    expect(other.hub.feed('cam-1')!.pid).toBeGreaterThan(0);
  }, 150_000);
});
