/**
 * Pose frames at the client (client/net/poseFrames.ts): records reach the store by slot, a record for
 * an avatar the state has not shown yet waits for it, our own first pose says we are placed, and a
 * far avatar heard at 2 Hz is drawn moving smoothly (client/avatars/poseBuffer.ts).
 */
import { describe, expect, it } from 'vitest';
import { createPose, PoseFlag, type Pose } from '../../../../shared/protocol/pose.js';
import { POSE_FRAME_FORMAT, POSE_RECORD_BYTES, poseFrameBounds, writePoseRecord } from '../../../../shared/protocol/poseFrame.js';
import { hallBounds } from '../../../../shared/space/layout.js';
import { restPose } from '../../../../shared/space/spawn.js';
import { AvatarState } from '../../../../shared/state/avatar.js';
import type { SpaceState } from '../../../../shared/state/space.js';
import { AvatarStore } from '../../../../client/avatars/store.js';
import { attachMirror } from '../../../../client/net/mirror.js';
import { attachPoseFrames } from '../../../../client/net/poseFrames.js';
import { createStateSync } from '../../../../client/net/stateSync.js';
import { feedState } from '../../../support/stateFeed.js';

function addAvatar(server: SpaceState, id: string, slot: number): void {
  const a = new AvatarState();
  a.name = id;
  a.slot = slot;
  server.avatars.set(id, a);
}

function frame(server: SpaceState, records: [number, Pose][]): Uint8Array {
  const bounds = poseFrameBounds(hallBounds(server.space));
  const bytes = new Uint8Array(1 + records.length * POSE_RECORD_BYTES);
  bytes[0] = POSE_FRAME_FORMAT;
  records.forEach(([slot, pose], i) => writePoseRecord(bytes, 1 + i * POSE_RECORD_BYTES, slot, pose, bounds));
  return bytes;
}

function setup(fill: (s: SpaceState) => void) {
  const feed = feedState((s) => {
    s.space.width = 32;
    s.space.depth = 24;
    s.space.height = 9;
    fill(s);
  });
  const store = new AvatarStore();
  const sync = createStateSync(feed.room);
  attachMirror(sync, store);
  const clock = { t: 0 };
  const frames = attachPoseFrames(sync, store, () => clock.t);
  return { feed, store, frames, clock };
}

describe('pose frames at the client', () => {
  it('PF1: records reach their avatars by slot; one for an avatar not yet in the state waits for it', () => {
    const { feed, store, frames } = setup((s) => addAvatar(s, 'a', 3));
    frames.receive(
      frame(feed.server, [
        [3, restPose(createPose(), 1, 2, 0)],
        [7, restPose(createPose(), -4, 1, 0)],
      ]),
    );
    expect(store.avatars.get('a')!.poses.latest()!.head.px).toBeCloseTo(1, 3);
    expect(store.avatars.has('b')).toBe(false);
    addAvatar(feed.server, 'b', 7);
    feed.patch();
    expect([...store.avatars.keys()]).toEqual(['a', 'b']);
    expect(store.avatars.get('b')!.poses.size).toBe(1);
    expect(store.avatars.get('b')!.poses.latest()!.head.px).toBeCloseTo(-4, 3);
  });

  it('PF3: our own first pose places us; a malformed frame is dropped and changes nothing', async () => {
    const { feed, store, frames } = setup((s) => addAvatar(s, 'me', 0));
    store.selfId = 'me';
    frames.receive(frame(feed.server, [[0, restPose(createPose(), 2, 3, 0)]]).subarray(0, 20));
    expect(store.avatars.get('me')!.poses.size).toBe(0);
    frames.receive(frame(feed.server, [[0, restPose(createPose(), 2, 3, 0)]]));
    await frames.placed;
    expect(store.avatars.get('me')!.poses.latest()!.head.pz).toBeCloseTo(3, 3);
  });

  it('PF2 PF4: a far avatar heard at 2 Hz is drawn moving every frame, without jumps', () => {
    const { feed, store, frames, clock } = setup((s) => addAvatar(s, 'far', 1));
    const speed = 1.2; // m/s, a brisk walk
    const out = createPose();
    let last: number | null = null;
    let still = 0;
    let biggest = 0;
    const dtMs = 1000 / 60;
    for (let k = 0; k * dtMs <= 8000; k++) {
      clock.t = k * dtMs;
      // The server sends the far avatar's latest pose every 500 ms (the far tier).
      if (k % 30 === 0) {
        const p = restPose(createPose(), -10 + (speed * clock.t) / 1000, 0, 0);
        p.flags = k === 0 ? PoseFlag.TELEPORT : 0;
        frames.receive(frame(feed.server, [[1, p]]));
      }
      if (!store.avatars.get('far')!.poses.sampleNow(clock.t, out)) continue;
      // Judge from the third second: by then the buffer knows the avatar's rate.
      if (last !== null && clock.t >= 3000) {
        const step = out.head.px - last;
        biggest = Math.max(biggest, Math.abs(step));
        if (step <= 1e-6) still++;
      }
      last = out.head.px;
    }
    // No frame moves it more than 1.6× what walking covers in a frame, and it never stands still.
    expect(biggest).toBeLessThanOrEqual(speed * (dtMs / 1000) * 1.6);
    expect(still).toBe(0);
  });
});
