/**
 * Real colyseus.js clients for integration tests, joined with the shared join options.
 */
import { Client, type Room } from 'colyseus.js';
import type { ErrorMessage } from '../../shared/protocol/errors.js';
import { joinOptions, type JoinOptions } from '../../shared/protocol/messages.js';
import { ROOM_NAME } from '../../shared/protocol/version.js';
import type { SpaceState } from '../../shared/state/space.js';
import { barrier } from './barrier.js';
import type { Pose } from '../../shared/protocol/pose.js';
import { POSE_FRAME_MESSAGE } from '../../shared/protocol/poseFrame.js';
import { poseFeed } from './poseFeed.js';
import { waitFor } from './wait.js';

export interface TestClient {
  room: Room<SpaceState>;
  client: Client;
  /** Every `error` message this client received, in order. */
  errors: ErrorMessage[];
  /** Resolves once the server answered a message sent now (tests/support/barrier.ts). */
  roundTrip(): Promise<void>;
  /** The latest pose heard of each avatar (pose frames, SPEC PF1), by session id: one's own once placed. */
  poses: Map<string, Pose>;
  /** Pose records heard of each avatar, by session id. */
  heard: Map<string, number>;
}

export function listen(room: Room<SpaceState>, client: Client): TestClient {
  const errors: ErrorMessage[] = [];
  const rt = barrier(room);
  room.onMessage('error', (m: ErrorMessage) => errors.push(m));
  room.onMessage('pong', (m: { id: number }) => rt.take(m));
  // Messages a test does not look at (chat lines, notices) are expected: take them quietly, or
  // colyseus.js warns for each one and buries the output that matters.
  room.onMessage('*', () => undefined);
  const { poses, heard, read } = poseFeed(room);
  room.onMessage(POSE_FRAME_MESSAGE, (bytes: Uint8Array) => read(bytes));
  return { room, client, errors, roundTrip: () => rt.roundTrip(), poses, heard };
}

export async function join(endpoint: string, o: Partial<Omit<JoinOptions, 'protocol'>> & { protocol?: number } = {}): Promise<TestClient> {
  const client = new Client(endpoint);
  const options = {
    ...joinOptions({ space: 'test', name: 'Tester', color: '#3366ff', ...o }),
    ...(o.protocol !== undefined ? { protocol: o.protocol } : {}),
  };
  const room = await client.joinOrCreate<SpaceState>(ROOM_NAME, options);
  const joined = listen(room, client); // before the first state: the join notice comes with it
  await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
  await waitFor('the server to place the newcomer (its own first pose frame)', () => joined.poses.has(room.sessionId));
  return joined;
}
