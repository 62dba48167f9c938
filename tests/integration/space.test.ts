/**
 * The foundation over the wire: a real server in this process, real colyseus.js clients.
 * Test names carry SPEC.md rule IDs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, MatchMakeError } from 'colyseus.js';
import { createPose, encodePose, PoseFlag, POSE_BYTES, type Pose } from '../../shared/protocol/pose.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, PROTOCOL_VERSION, ROOM_NAME } from '../../shared/protocol/version.js';
import { restPose } from '../../shared/space/spawn.js';
import type { AvatarState } from '../../shared/state/avatar.js';
import { serverPose, serverStateOf, startTestServer, type TestServer } from '../support/server.js';
import { join, type TestClient } from '../support/clients.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;
const PATCH_MS = 50;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: PATCH_MS, reconnectSeconds: 2 });
});
afterAll(async () => {
  await server?.close();
});

function avatarOf(observer: TestClient, subject: TestClient): AvatarState | undefined {
  return observer.room.state.avatars.get(subject.room.sessionId);
}

/** The latest pose `observer` heard of `subject` in pose frames (SPEC PF1). */
function poseOf(observer: TestClient, subject: TestClient): Pose | undefined {
  return observer.poses.get(subject.room.sessionId);
}

/** A standing pose next to where `c` spawned (its state), shifted by dx metres along x. */
function poseNear(c: TestClient, dx = 0): Pose {
  const me = serverPose(c.room.roomId, c.room.sessionId);
  return restPose(createPose(), me.head.px + dx, me.head.pz, 0);
}

function sendPose(c: TestClient, pose: Pose): void {
  c.room.sendBytes('pose', encodePose(pose));
}

describe('joining', () => {
  it('J4 S1: two clients in one space see each other with name and colour', async () => {
    const a = await join(server.endpoint, { space: 'join', name: 'Ada', color: '#ff0000' });
    const b = await join(server.endpoint, { space: 'join', name: 'Bo', color: '#00ff00' });
    expect(a.room.roomId).toBe(b.room.roomId);
    const seenByA = await waitFor('A to see B', () => avatarOf(a, b));
    expect(seenByA.name).toBe('Bo');
    expect(seenByA.color).toBe('#00ff00');
    expect(avatarOf(b, a)?.name).toBe('Ada');
    // Arrivals do not stand inside each other.
    const pa = (await waitFor('B to hear where A stands', () => poseOf(b, a))).head;
    const pb = poseOf(b, b)!.head;
    expect(Math.hypot(pa.px - pb.px, pa.pz - pb.pz)).toBeGreaterThan(0.5);
    await a.room.leave();
    await b.room.leave();
  });

  it('J3: different space names get different rooms', async () => {
    const a = await join(server.endpoint, { space: 'one' });
    const b = await join(server.endpoint, { space: 'two' });
    expect(a.room.roomId).not.toBe(b.room.roomId);
    expect(a.room.state.avatars.size).toBe(1);
    expect(b.room.state.space.name).toBe('two');
    await a.room.leave();
    await b.room.leave();
  });

  it('J3 S1: a space without its own layout uses the default one; its title names both, the layout title comes apart', async () => {
    const a = await join(server.endpoint, { space: 'no-such-layout' });
    const s = a.room.state.space;
    expect(s.layout).toBe('factory');
    expect(s.layoutTitle).not.toBe('');
    expect(s.title).toBe(`no-such-layout (${s.layoutTitle})`);
    await a.room.leave();
  });

  it('J2: a client with another protocol version is refused with a named reason', async () => {
    const client = new Client(server.endpoint);
    const old = { ...joinOptions({ space: 'v', name: 'Old', color: '#123456' }), protocol: PROTOCOL_VERSION - 1 };
    const err = await client.joinOrCreate(ROOM_NAME, old).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MatchMakeError);
    expect((err as MatchMakeError).code).toBe(CloseCode.CLIENT_TOO_OLD);
    expect((err as MatchMakeError).message).toMatch(/older than the server/);
    const future = { ...old, protocol: PROTOCOL_VERSION + 1 };
    const err2 = (await client.joinOrCreate(ROOM_NAME, future).catch((e: unknown) => e)) as MatchMakeError;
    expect(err2.code).toBe(CloseCode.SERVER_TOO_OLD);
  });

  it('J1: bad join options are refused, naming the field', async () => {
    const client = new Client(server.endpoint);
    const bad = { ...joinOptions({ space: 'Bad Space!', name: '', color: 'red' }) };
    const err = (await client.joinOrCreate(ROOM_NAME, bad).catch((e: unknown) => e)) as MatchMakeError;
    expect(err.code).toBe(CloseCode.BAD_JOIN_OPTIONS);
    expect(err.message).toMatch(/space/);
    expect(err.message).toMatch(/name/);
    expect(err.message).toMatch(/color/);
  });
});

describe('poses', () => {
  it('P1 P8: a pose from A reaches B within two patches', async () => {
    const a = await join(server.endpoint, { space: 'pose' });
    const b = await join(server.endpoint, { space: 'pose' });
    await waitFor('B to see A', () => avatarOf(b, a));
    let patches = 0;
    b.room.onStateChange(() => patches++);
    const pose = poseNear(a, 0.5);
    pose.head.qy = Math.sin(0.3);
    pose.head.qw = Math.cos(0.3);
    sendPose(a, pose);
    const arrived = await waitFor('pose at B', () => {
      const p = poseOf(b, a);
      return p && Math.abs(p.head.px - pose.head.px) < 1e-3 ? p : undefined;
    });
    expect(patches).toBeLessThanOrEqual(2);
    expect(arrived.head.pz).toBeCloseTo(pose.head.pz, 3);
    expect(arrived.head.qy).toBeCloseTo(Math.sin(0.3), 2);
    expect(a.errors).toEqual([]);
    await a.room.leave();
    await b.room.leave();
  });

  it('P3 P5 P9 P8: NaN, out-of-bounds and truncated poses are refused; the avatar stays; others are still served', async () => {
    const a = await join(server.endpoint, { space: 'bad-pose' });
    const b = await join(server.endpoint, { space: 'bad-pose' });
    const before = { ...(await waitFor('B to hear of A', () => poseOf(b, a))).head };
    const serverHead = () => ({ ...serverPose(a.room.roomId, a.room.sessionId).head });
    const beforeOnServer = serverHead();

    const nan = poseNear(a, 0.1);
    nan.head.px = Number.NaN;
    sendPose(a, nan);
    await waitFor('pose.not_finite', () => a.errors.find((e) => e.code === 'pose.not_finite'));

    const far = poseNear(a);
    far.head.px = 500;
    far.flags = PoseFlag.TELEPORT; // even a teleport may not leave the space
    sendPose(a, far);
    await waitFor('pose.out_of_bounds', () => a.errors.find((e) => e.code === 'pose.out_of_bounds'));

    a.room.sendBytes('pose', encodePose(poseNear(a)).subarray(0, POSE_BYTES - 7));
    const truncated = await waitFor('pose.truncated', () => a.errors.find((e) => e.code === 'pose.truncated'));
    expect(truncated.ref).toBe('pose');
    expect(truncated.message).toMatch(/wrong length/);

    // Nothing moved A (the server's own record, every refusal above having been answered); B (and A)
    // are still served, and B, who hears of A again only when A moves, still has A where it was.
    expect(serverHead()).toEqual(beforeOnServer);
    const ok = poseNear(b, 0.4);
    sendPose(b, ok);
    await waitFor('A to see B move', () => Math.abs(poseOf(a, b)!.head.px - ok.head.px) < 1e-3);
    expect(serverPose(b.room.roomId, b.room.sessionId).head.px).toBeCloseTo(ok.head.px, 5);
    expect(poseOf(b, a)!.head).toEqual(before);
    expect(b.errors).toEqual([]);
    await a.room.leave();
    await b.room.leave();
  });

  it('P7: a jump farther than walking is refused; the same move as a teleport is accepted', async () => {
    const a = await join(server.endpoint, { space: 'jump' });
    const jump = poseNear(a, 9);
    sendPose(a, jump);
    await waitFor('pose.jump', () => a.errors.find((e) => e.code === 'pose.jump'));
    jump.flags = PoseFlag.TELEPORT;
    sendPose(a, jump);
    await waitFor('teleport applied', () => Math.abs(serverPose(a.room.roomId, a.room.sessionId).head.px - jump.head.px) < 1e-5);
    expect(avatarOf(a, a)!.flags & PoseFlag.TELEPORT).toBe(0);
    await a.room.leave();
  });

  it('P2: poses faster than 30 Hz are refused with pose.rate, reported at most once a second', async () => {
    const a = await join(server.endpoint, { space: 'rate' });
    const pose = poseNear(a);
    for (let i = 0; i < 60; i++) {
      pose.head.px += 0.001;
      sendPose(a, pose);
    }
    await waitFor('pose.rate', () => a.errors.find((e) => e.code === 'pose.rate'));
    await a.roundTrip();
    expect(a.errors.filter((e) => e.code === 'pose.rate')).toHaveLength(1);
    await a.room.leave();
  });
});

describe('messages', () => {
  it('M2: profile changes name and colour for everyone', async () => {
    const a = await join(server.endpoint, { space: 'profile' });
    const b = await join(server.endpoint, { space: 'profile' });
    a.room.send('profile', { name: 'Renamed', color: '#abcdef' });
    await waitFor('new name at B', () => avatarOf(b, a)?.name === 'Renamed');
    expect(avatarOf(b, a)?.color).toBe('#abcdef');
    await a.room.leave();
    await b.room.leave();
  });

  it('M7: ping is answered with pong of the same id to the sender only, many times a second, nothing else happens', async () => {
    const a = await join(server.endpoint, { space: 'ping' });
    const b = await join(server.endpoint, { space: 'ping' });
    const pongs: number[] = [];
    let bPongs = 0;
    a.room.onMessage('pong', (m: { id: number }) => pongs.push(m.id));
    b.room.onMessage('pong', () => bPongs++);
    for (const id of [7, 8, 9]) a.room.send('ping', { id });
    await waitFor('three pongs', () => pongs.length === 3);
    expect(pongs).toEqual([7, 8, 9]);
    // Round trips back to back (each a ping) all answer, and B heard none of A's.
    for (let i = 0; i < 5; i++) await a.roundTrip();
    await b.roundTrip();
    expect(bPongs).toBe(1);
    a.room.send('ping', { id: -1 });
    await waitFor('a bad id refused', () => a.errors.find((e) => e.code === 'message.invalid' && e.ref === 'ping'));
    expect(a.errors.map((e) => e.code)).toEqual(['message.invalid']);
    await a.room.leave();
    await b.room.leave();
  });

  it('M1 M3 M4: unknown, invalid and malformed messages are refused by name; the session stays', async () => {
    const a = await join(server.endpoint, { space: 'msgs' });
    a.room.send('no-such-message', { x: 1 });
    await waitFor('unknown_type', () => a.errors.find((e) => e.code === 'message.unknown_type'));
    a.room.send('profile', { name: 'x'.repeat(100), admin: true });
    const invalid = await waitFor('invalid', () => a.errors.find((e) => e.code === 'message.invalid'));
    expect(invalid.message).toMatch(/name/);
    a.room.send('pose', { not: 'bytes' });
    const asJson = await waitFor('pose sent as JSON', () => a.errors.find((e) => e.code === 'message.invalid' && e.ref === 'pose'));
    expect(asJson.message).toMatch(/sendBytes/);
    // A frame whose msgpack body is cut short: [ROOM_DATA, fixstr "profile", map with 1 entry, then nothing].
    const frame = new Uint8Array([13, 0xa7, ...new TextEncoder().encode('profile'), 0x81]);
    (a.room.connection as unknown as { send(data: Uint8Array): void }).send(frame);
    await waitFor('malformed', () => a.errors.find((e) => e.code === 'message.malformed'));
    // Still joined and served.
    a.room.send('profile', { name: 'Still here' });
    await waitFor('profile applied', () => avatarOf(a, a)?.name === 'Still here');
    await a.room.leave();
  });
});

describe('leaving and reconnecting', () => {
  // How long that takes in milliseconds is measured by bench/leave.ts, not asserted here.
  it('L1: a consented leave removes the avatar for others in the next patch', async () => {
    const a = await join(server.endpoint, { space: 'leave' });
    const b = await join(server.endpoint, { space: 'leave' });
    const id = a.room.sessionId;
    await waitFor('B sees A', () => b.room.state.avatars.has(id));
    await a.room.leave();
    await waitFor('A gone on the server', () => !serverStateOf(b.room.roomId).avatars.has(id));
    // Every patch sent before this round trip has arrived; the first one after it carries the removal
    // if an earlier one did not (the simulated twins keep patches coming).
    await b.roundTrip();
    let patches = 0;
    b.room.onStateChange(() => patches++);
    await waitFor('A gone at B', () => !b.room.state.avatars.has(id));
    expect(patches).toBeLessThanOrEqual(1);
    await b.room.leave();
  });

  it('L2: a dropped connection that comes back within the window keeps its avatar, name and place', async () => {
    const a = await join(server.endpoint, { space: 'drop', name: 'Dropper' });
    const b = await join(server.endpoint, { space: 'drop' });
    const moved = poseNear(a, 0.5);
    sendPose(a, moved);
    await waitFor('B sees A move', () => Math.abs(poseOf(b, a)!.head.px - moved.head.px) < 1e-3);
    const id = a.room.sessionId;
    const token = a.room.reconnectionToken;
    // Drop without a consented leave, as a network failure would.
    (a.room.connection as unknown as { close(code?: number): void }).close(4999);
    await waitFor('B sees A disconnected', () => avatarOf(b, a)?.connected === false);
    const back = await a.client.reconnect<typeof a.room.state>(token);
    expect(back.sessionId).toBe(id);
    await waitFor('B sees A connected', () => b.room.state.avatars.get(id)?.connected === true);
    const av = b.room.state.avatars.get(id)!;
    expect(av.name).toBe('Dropper');
    expect(serverPose(b.room.roomId, id).head.px).toBeCloseTo(moved.head.px, 5);
    await back.leave();
    await b.room.leave();
  });

  it('L3: a dropped connection that does not come back is removed after the window', async () => {
    const a = await join(server.endpoint, { space: 'gone' });
    const b = await join(server.endpoint, { space: 'gone' });
    const id = a.room.sessionId;
    (a.room.connection as unknown as { close(code?: number): void }).close(4999);
    await waitFor('held', () => b.room.state.avatars.get(id)?.connected === false);
    await waitFor('removed after 2 s window', () => !b.room.state.avatars.has(id), 4000);
    await b.room.leave();
  });
});

describe('http', () => {
  it('H1: GET /health reports status, version, uptime, rooms and clients', async () => {
    const a = await join(server.endpoint, { space: 'health' });
    // The store opens in the background (ST5): until it has, /health says `degraded`.
    await server.store.opened();
    const res = await fetch(`${server.url.replace('localhost', '127.0.0.1')}/health`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', protocol: PROTOCOL_VERSION });
    expect(typeof body.version).toBe('string');
    expect(body.uptime).toBeGreaterThanOrEqual(0);
    expect(body.rooms).toBeGreaterThanOrEqual(1);
    expect(body.clients).toBeGreaterThanOrEqual(1);
    await a.room.leave();
  }, 300_000); // a fresh in-memory PGlite runs initdb first: the limit only catches a hang

  it('H2: matchmaking answers foreign browser origins without an Allow-Origin', async () => {
    const base = server.url.replace('localhost', '127.0.0.1');
    const res = await fetch(`${base}/matchmake/joinOrCreate/${ROOM_NAME}`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://evil.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const own = await fetch(`${base}/matchmake/joinOrCreate/${ROOM_NAME}`, { method: 'OPTIONS', headers: { Origin: base } });
    expect(own.headers.get('access-control-allow-origin')).toBe(base);
  });
});
