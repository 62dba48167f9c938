/**
 * The client's own pose sender against the real server (SPEC P10, P9, P7): the desktop/XR client's
 * `SpaceConnection` and `createPoseSender` run here in Node over colyseus.js, as they do in the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinOptions } from '../../shared/protocol/messages.js';
import { PoseFlag } from '../../shared/protocol/pose.js';
import { restPose } from '../../shared/space/spawn.js';
import { AvatarStore } from '../../client/avatars/store.js';
import { LocalPose } from '../../client/player/localPose.js';
import { SpaceConnection } from '../../client/net/connection.js';
import { createPoseSender } from '../../client/net/poseSender.js';
import { serverPose, startTestServer, type TestServer } from '../support/server.js';
import { join } from '../support/clients.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 50 });
});
afterAll(async () => {
  await server?.close();
});

describe('pose resynchronisation', () => {
  it('P10 P9 P7: a pose refused as pose.jump is followed by the same pose as a teleport, which the server takes', async () => {
    const observer = await join(server.endpoint, { space: 'resync', name: 'Observer' });
    const connection = new SpaceConnection(server.endpoint, new AvatarStore());
    const refusals: string[] = [];
    connection.onServerError((e) => refusals.push(e.code));
    await connection.join(joinOptions({ space: 'resync', name: 'Walker', color: '#336699' }));
    const id = connection.sessionId!;
    const spawn = { ...serverPose(observer.room.roomId, id).head };
    const local = new LocalPose();
    const sender = createPoseSender(connection, local);
    // 8 m from where the server last placed us, as a recentred headset would report: too far to walk (P6).
    restPose(local.pose, spawn.px + 8, spawn.pz, 0);
    let now = 0;
    const frame = () => sender.update({ dt: 0.1, now: (now += 100) });
    frame();
    await waitFor('the pose.jump refusal', () => refusals.includes('pose.jump'));
    expect(serverPose(observer.room.roomId, id).head.px).toBe(spawn.px);
    // The very next frame resends the pose flagged as a teleport, though it did not move.
    frame();
    await waitFor('the resynchronised pose at the observer', () => {
      const head = observer.poses.get(id)?.head;
      return head !== undefined && Math.abs(head.px - (spawn.px + 8)) < 1e-3;
    });
    expect(refusals).toEqual(['pose.jump']);
    expect((observer.room.state.avatars.get(id)!.flags & PoseFlag.TELEPORT) === 0).toBe(true);
    sender.dispose();
    await connection.leave();
    await observer.room.leave();
  });
});
