/**
 * A camera's publisher when two real server processes share the real Redis (SPEC CP8, VS4): pages
 * publishing to one camera through both processes at once get one answer and one named 409; a
 * process that stalled (SIGSTOP) past its lease while the other took the camera still counts itself
 * owner, and must ask Redis before it takes a publisher. The offers come from werift in this process
 * and are never connected: the answer is what is tested (tests/e2e/camera.test.ts publishes for real).
 * ffmpeg is pointed at nothing: the fixed cameras stay offline and cost no CPU. The Redis database is
 * this file's own (Colyseus lists its processes there without a prefix).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { RTCPeerConnection, RTCRtpCodecParameters } from 'werift';
import { freePort, startChild, type ChildServer } from '../support/childServer.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { uniqueName, requireRedis } from '../support/services.js';
import { waitForAsync } from '../support/wait.js';

const REDIS_URL = process.env.TEST_PUBLISH_REDIS_URL ?? 'redis://127.0.0.1:6379/13';
const PASSCODE = 'op-walkaround-cluster';
const CAMERA = 'cam-3';
/** One deployment: both processes share their Redis keys. */
const PREFIX = `${uniqueName('tvpublish')}:`;
let assets: TwinAssets;
let servers: ChildServer[] = [];

async function start(): Promise<ChildServer> {
  const port = await freePort();
  return startChild(
    {
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      DATA_DIR: 'memory',
      ASSETS_DIR: assets.dir,
      TWINS_DIR: path.join(assets.dir, 'twins'),
      SIMULATOR: 'off',
      VIDEO: 'on',
      FFMPEG_PATH: '/nonexistent/ffmpeg',
      TWIN_LEASE_MS: '1500',
    },
    port,
  );
}

beforeAll(async () => {
  await requireRedis(REDIS_URL);
  // Processes a killed earlier run left listed would be asked to open rooms: gone first.
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  assets = makeTwinAssets(uniqueName('tvpublish'), {
    line: { twins: [{ twin: CAMERA, position: [0, 0, 2] }], locked: true, operatorPasscode: PASSCODE },
  });
  servers = await Promise.all([start(), start()]);
}, 600_000);

afterAll(async () => {
  for (const s of servers) {
    s.child.kill('SIGCONT');
    s.child.kill('SIGTERM');
  }
  await Promise.all(servers.map((s) => s.exited));
  assets?.remove();
});

/** A page's offer: video, ICE credentials and a DTLS fingerprint (never connected here). */
async function offer(): Promise<string> {
  const pc = new RTCPeerConnection({
    codecs: { video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90_000 })] },
    iceServers: [],
    iceUseIpv6: false,
  });
  pc.addTransceiver('video', { direction: 'sendonly' });
  await pc.setLocalDescription(await pc.createOffer());
  const sdp = pc.localDescription!.sdp;
  await pc.close();
  return sdp;
}

async function publish(s: ChildServer, sdp: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${s.base}/api/video/${CAMERA}/publish`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ sdp, passcode: PASSCODE }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const runsHere = async (s: ChildServer) =>
  ((await (await fetch(`${s.base}/api/twins/${CAMERA}`)).json()) as { runsHere: boolean }).runsHere;

/** The process that runs the camera, then the other, once exactly one does. */
async function ownerFirst(): Promise<[ChildServer, ChildServer]> {
  return waitForAsync(
    'one process running the camera',
    async () => {
      const [a, b] = await Promise.all(servers.map(runsHere));
      if (a === b) return undefined;
      return (a ? [servers[0]!, servers[1]!] : [servers[1]!, servers[0]!]) as [ChildServer, ChildServer];
    },
    20_000,
    100,
  );
}

describe('one publisher per camera across processes', () => {
  it('CP8 CP2: two pages publishing to one camera through both processes at once: the owner answers, the other is 409 camera_elsewhere', async () => {
    const [owner, other] = await ownerFirst();
    const sdp = await offer();
    const [mine, elsewhere] = await Promise.all([publish(owner, sdp), publish(other, sdp)]);
    expect(mine.status).toBe(200);
    expect(typeof mine.body.sdp).toBe('string');
    expect(elsewhere).toMatchObject({ status: 409, body: { error: 'camera_elsewhere' } });
  });

  it('CP8 VS4: a process that stalled past its lease while the other took the camera answers 409, never a second publisher', async () => {
    const [stalled, other] = await ownerFirst();
    const sdp = await offer();
    stalled.child.kill('SIGSTOP');
    let late: Promise<Awaited<ReturnType<typeof publish>>>;
    let fresh: Awaited<ReturnType<typeof publish>>;
    try {
      await waitForAsync('the other process to take the camera', () => runsHere(other), 20_000, 100);
      // The stalled process's request waits in its socket while the other answers; on waking it reads
      // it still counting itself owner until its next lease round.
      late = publish(stalled, sdp);
      fresh = await publish(other, sdp);
    } finally {
      stalled.child.kill('SIGCONT');
    }
    expect(fresh.status).toBe(200);
    expect(await late).toMatchObject({ status: 409, body: { error: 'camera_elsewhere' } });
    expect(await runsHere(stalled)).toBe(false);
  });
});
