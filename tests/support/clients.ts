/**
 * Real colyseus.js clients for integration tests, joined with the shared join options.
 */
import { Client, type Room } from 'colyseus.js';
import type { ErrorMessage } from '../../shared/protocol/errors.js';
import { joinOptions, type JoinOptions } from '../../shared/protocol/messages.js';
import { ROOM_NAME } from '../../shared/protocol/version.js';
import type { SpaceState } from '../../shared/state/space.js';
import { barrier } from './barrier.js';

export interface TestClient {
  room: Room<SpaceState>;
  client: Client;
  /** Every `error` message this client received, in order. */
  errors: ErrorMessage[];
  /** Resolves once the server answered a message sent now (tests/support/barrier.ts). */
  roundTrip(): Promise<void>;
}

export function listen(room: Room<SpaceState>, client: Client): TestClient {
  const errors: ErrorMessage[] = [];
  const rt = barrier(room);
  room.onMessage('error', (m: ErrorMessage) => errors.push(m));
  room.onMessage('pong', (m: { id: number }) => rt.take(m));
  // Messages a test does not look at (chat lines, notices) are expected: take them quietly, or
  // colyseus.js warns for each one and buries the output that matters.
  room.onMessage('*', () => undefined);
  return { room, client, errors, roundTrip: () => rt.roundTrip() };
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
  return joined;
}
