/**
 * Pose delivery by interest tier against the real server (SPEC PF2, PF3, PF6): a near avatar reaches a
 * client at the full rate (every pose it sends, here one per round trip), a far one at ~2 Hz — and it
 * still reaches it; an avatar that does not move is not sent again; one behind the client's head comes
 * a tier down, unless it stands close.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPose, encodePose, PoseFlag, type Pose } from '../../shared/protocol/pose.js';
import { TIER_INTERVAL, Tier } from '../../shared/protocol/interest.js';
import { restPose } from '../../shared/space/spawn.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { join, type TestClient } from '../support/clients.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 50 });
});
afterAll(async () => {
  await server?.close();
});

/** Puts `c` at (x, z) with a teleport (allowed anywhere in the hall, P7) and waits until `observer` hears it. */
async function place(c: TestClient, observer: TestClient, x: number, z: number): Promise<Pose> {
  const pose = restPose(createPose(), x, z, 0);
  pose.flags = PoseFlag.TELEPORT;
  c.room.sendBytes('pose', encodePose(pose));
  pose.flags = 0;
  await waitFor(`${c.room.sessionId} placed`, () => Math.abs((observer.poses.get(c.room.sessionId)?.head.px ?? NaN) - x) < 1e-3);
  return pose;
}

describe('pose delivery by interest tier', () => {
  it('PF2 PF3: a near avatar comes at the full rate, a far one at ~2 Hz and still arrives; a still one is not resent', async () => {
    // The factory hall is 32 × 24 m: the observer at one end, one walker 2 m away, one 28 m away.
    const observer = await join(server.endpoint, { space: 'tiers', name: 'Observer' });
    const near = await join(server.endpoint, { space: 'tiers', name: 'Near' });
    const far = await join(server.endpoint, { space: 'tiers', name: 'Far' });
    const still = await join(server.endpoint, { space: 'tiers', name: 'Still' });
    await place(observer, near, -14, 0);
    const nearPose = await place(near, observer, -12, 0);
    const farPose = await place(far, observer, 14, 0);
    await place(still, observer, -13, 3);
    const heard = (c: TestClient) => observer.heard.get(c.room.sessionId) ?? 0;
    const nearBefore = heard(near);
    const farBefore = heard(far);
    const stillBefore = heard(still);

    const started = performance.now();
    const SENDS = 30;
    for (let i = 1; i <= SENDS; i++) {
      const dx = i % 2 === 0 ? 0 : 0.02;
      nearPose.head.px = -12 + dx;
      farPose.head.px = 14 - dx;
      far.room.sendBytes('pose', encodePose(farPose));
      near.room.sendBytes('pose', encodePose(nearPose));
      // Full rate: every pose the near walker sends reaches the observer.
      await waitFor(`near pose ${i}`, () => heard(near) === nearBefore + i);
    }
    // The far walker's last pose arrives too, within its tier's interval.
    await waitFor('the far walker’s last pose', () => Math.abs(observer.poses.get(far.room.sessionId)!.head.px - farPose.head.px) < 1e-3);
    const seconds = (performance.now() - started) / 1000;

    expect(heard(near) - nearBefore).toBe(SENDS);
    // At most one far record per far interval of the server's clock (which ran no longer than ours).
    const farHeard = heard(far) - farBefore;
    expect(farHeard).toBeGreaterThanOrEqual(1);
    expect(farHeard).toBeLessThanOrEqual(Math.floor(seconds / (TIER_INTERVAL[Tier.FAR] - 0.025)) + 1);
    expect(farHeard).toBeLessThan(SENDS);
    // Nobody heard again of the one who stood still.
    expect(heard(still)).toBe(stillBefore);
    for (const c of [observer, near, far, still]) expect(c.errors).toEqual([]);
    for (const c of [observer, near, far, still]) await c.room.leave();
  });
});

describe('pose delivery by view direction', () => {
  it('PF6: a client facing away hears an avatar behind it one tier down (mid → far), one in front and one just behind at the full rate', async () => {
    // The observer faces −Z (yaw 0): "front" 4 m ahead and "close" 3 m behind (near by distance),
    // "behind" 15 m behind (mid by distance, so far once behind the head). Far, not mid, is what the
    // test looks for: its 0.5 s interval stays far longer than a round trip even on a loaded machine.
    const observer = await join(server.endpoint, { space: 'view', name: 'Observer' });
    const front = await join(server.endpoint, { space: 'view', name: 'Front' });
    const behind = await join(server.endpoint, { space: 'view', name: 'Behind' });
    const close = await join(server.endpoint, { space: 'view', name: 'Close' });
    await place(observer, front, -10, -6);
    const frontPose = await place(front, observer, -10, -10);
    const behindPose = await place(behind, observer, -10, 9);
    const closePose = await place(close, observer, -10, -3);
    const heard = (c: TestClient) => observer.heard.get(c.room.sessionId) ?? 0;
    const frontBefore = heard(front);
    const closeBefore = heard(close);
    const behindBefore = heard(behind);

    const started = performance.now();
    const SENDS = 30;
    for (let i = 1; i <= SENDS; i++) {
      const dx = i % 2 === 0 ? 0 : 0.02;
      frontPose.head.px = -10 + dx;
      behindPose.head.px = -10 - dx;
      closePose.head.px = -10 + dx;
      behind.room.sendBytes('pose', encodePose(behindPose));
      front.room.sendBytes('pose', encodePose(frontPose));
      close.room.sendBytes('pose', encodePose(closePose));
      // Full rate: every pose of the one in front and of the one close behind reaches the observer.
      await waitFor(`front and close pose ${i}`, () => heard(front) === frontBefore + i && heard(close) === closeBefore + i);
    }
    await waitFor(
      'the last pose of the one behind',
      () => Math.abs(observer.poses.get(behind.room.sessionId)!.head.px - behindPose.head.px) < 1e-3,
    );
    const seconds = (performance.now() - started) / 1000;

    expect(heard(front) - frontBefore).toBe(SENDS);
    expect(heard(close) - closeBefore).toBe(SENDS);
    // At most one record per far interval of the server's clock (which ran no longer than ours).
    const behindHeard = heard(behind) - behindBefore;
    expect(behindHeard).toBeGreaterThanOrEqual(1);
    expect(behindHeard).toBeLessThanOrEqual(Math.floor(seconds / (TIER_INTERVAL[Tier.FAR] - 0.025)) + 1);
    expect(behindHeard).toBeLessThan(SENDS);
    for (const c of [observer, front, behind, close]) expect(c.errors).toEqual([]);
    for (const c of [observer, front, behind, close]) await c.room.leave();
  });
});

describe('a stall is not cheating', () => {
  it('P11 P2 P6: a second of queued walking arriving at once is taken whole; a jump and a flood are still refused', async () => {
    const walker = await join(server.endpoint, { space: 'stall', name: 'Walker' });
    const observer = await join(server.endpoint, { space: 'stall', name: 'Observer' });
    const pose = await place(walker, observer, -5, 0);
    // About a second of walking at 1.4 m/s queued behind a stall, delivered back to back: 29 poses, so
    // with the placing pose just before them they are the whole burst (30). The bucket may not have
    // refilled a token since that pose on a fast machine, so a 30th walking pose could be refused.
    for (let i = 1; i <= 29; i++) {
      pose.head.px += 1.4 / 30;
      pose.left.px += 1.4 / 30;
      pose.right.px += 1.4 / 30;
      walker.room.sendBytes('pose', encodePose(pose));
    }
    await walker.roundTrip();
    expect(walker.errors).toEqual([]);
    await waitFor(
      'the walk’s end at the observer',
      () => Math.abs(observer.poses.get(walker.room.sessionId)!.head.px - pose.head.px) < 1e-3,
    );
    // A cheat: 8 m on in one pose, no teleport flag.
    const cheat = restPose(createPose(), pose.head.px + 8, 0, 0);
    walker.room.sendBytes('pose', encodePose(cheat));
    await waitFor('pose.jump', () => walker.errors.find((e) => e.code === 'pose.jump'));
    // A flood beyond the burst: refused by rate.
    for (let i = 0; i < 70; i++) {
      pose.head.px += 0.001;
      walker.room.sendBytes('pose', encodePose(pose));
    }
    await waitFor('pose.rate', () => walker.errors.find((e) => e.code === 'pose.rate'));
    await walker.room.leave();
    await observer.room.leave();
  });
});
