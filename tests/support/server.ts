/**
 * Starts a real Twinverse server in the test's process on a free port, with the same composition as
 * `npm start` (only the port, log level and overrides differ).
 */
import { matchMaker, type Room } from '@colyseus/core';
import { loadConfig, type Config } from '../../server/config.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { AvatarState } from '../../shared/state/avatar.js';
import { waitFor } from './wait.js';
import { startTwinverse, type Twinverse } from '../../server/app.js';
import type { SpaceRoom } from '../../server/rooms/SpaceRoom.js';
import type { Pose } from '../../shared/protocol/pose.js';
import { createLogger } from '../../server/log.js';

export interface TestServer extends Twinverse {
  /** ws:// endpoint for colyseus.js. */
  endpoint: string;
}

/**
 * `buildings: 'read'` (the default) returns once the layouts' buildings are read, as tests written
 * before they were read in the background expect; `'background'` returns while they are still read.
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  env: Record<string, string> = {},
  { buildings = 'read' }: { buildings?: 'read' | 'background' } = {},
): Promise<TestServer> {
  // An in-memory store unless a test names a folder: parallel test processes must never share the
  // checkout's data/pglite (PGlite is single-writer), and a fresh clone has no folder to reuse.
  // Camera feeds (an ffmpeg each) only where a test asks for them with VIDEO=on: the machine is shared.
  const config = { ...loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: 'memory', VIDEO: 'off', ...env }), ...overrides };
  const server = await startTwinverse(config, createLogger(process.env.TEST_LOG_LEVEL ?? 'silent'));
  if (buildings === 'read') await server.buildings.settled();
  return Object.assign(server, { endpoint: `ws://127.0.0.1:${server.port}` });
}

/**
 * The authoritative state of a room running in this process: the server's truth, for asserting that a
 * refused message changed nothing (after a round trip, tests/support/barrier.ts) without waiting for
 * a patch that a change-free state never sends.
 */
export function serverStateOf(roomId: string): SpaceState {
  const room = matchMaker.getLocalRoomById(roomId) as Room<SpaceState> | undefined;
  if (!room) throw new Error(`no room ${roomId} runs in this process`);
  return room.state;
}

/** The pose the server holds for a participant of a room in this process (poses are not in the state, SPEC PF1). */
export function serverPose(roomId: string, sessionId: string): Readonly<Pose> {
  const room = matchMaker.getLocalRoomById(roomId) as SpaceRoom | undefined;
  const pose = room?.poseOf(sessionId);
  if (!pose) throw new Error(`no pose of ${sessionId} in room ${roomId}`);
  return pose;
}

/** Waits until the room is gone (autoDispose after its last member left): the next join opens a new one. */
export function roomClosed(roomId: string): Promise<true> {
  return waitFor(`room ${roomId} to close`, () => matchMaker.getLocalRoomById(roomId) === undefined);
}

/** The server's own record of an avatar, in whichever room of this process seats it (null if none). */
export async function serverAvatar(sessionId: string): Promise<AvatarState | null> {
  for (const cache of await matchMaker.query({})) {
    const room = matchMaker.getLocalRoomById(cache.roomId) as Room<SpaceState> | undefined;
    const avatar = room?.state.avatars.get(sessionId);
    if (avatar) return avatar;
  }
  return null;
}

/** The pose the server holds for a session, in whichever room of this process seats it (null if none). */
export async function serverPoseOf(sessionId: string): Promise<Readonly<Pose> | null> {
  for (const cache of await matchMaker.query({})) {
    const room = matchMaker.getLocalRoomById(cache.roomId) as SpaceRoom | undefined;
    const pose = room?.poseOf(sessionId);
    if (pose) return pose;
  }
  return null;
}
