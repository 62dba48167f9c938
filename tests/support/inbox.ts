/**
 * Integration helper: a colyseus.js client that records every message it receives by type, from the
 * moment it joins (messages the server sends in onJoin arrive before the first state).
 */
import { Client, type Room } from 'colyseus.js';
import type { ErrorMessage } from '../../shared/protocol/errors.js';
import { joinOptions, type JoinOptions } from '../../shared/protocol/messages.js';
import { ROOM_NAME } from '../../shared/protocol/version.js';
import type { SpaceState } from '../../shared/state/space.js';
import { waitFor } from './wait.js';
import { barrier } from './barrier.js';
import type { Pose } from '../../shared/protocol/pose.js';
import { POSE_FRAME_MESSAGE } from '../../shared/protocol/poseFrame.js';
import { poseFeed } from './poseFeed.js';

export interface Member {
  room: Room<SpaceState>;
  client: Client;
  id: string;
  errors: ErrorMessage[];
  /** Every message received, by type, oldest first. */
  got: Map<string, unknown[]>;
  /** Messages of `type` received so far. */
  of<T>(type: string): T[];
  /** Waits for the n-th message of `type` (1-based) and returns it. */
  next<T>(type: string, n?: number, timeoutMs?: number): Promise<T>;
  /** Waits for an error with `code`. */
  refused(code: string, timeoutMs?: number): Promise<ErrorMessage>;
  /** Code the session closed with, once closed. */
  closed: number | null;
  /** Resolves once the server answered a message sent now (tests/support/barrier.ts). */
  roundTrip(): Promise<void>;
  /** The latest pose heard of each avatar in pose frames, by session id (SPEC PF1). */
  poses: Map<string, Pose>;
  /** Calls `l` after each pose frame was read into `poses`; returns the function that stops it. */
  onPoses(l: () => void): () => void;
}

/** Joins and, like the real client, says `meeting.hello` once listening (unless `hello: false`). */
export async function member(endpoint: string, o: Partial<Omit<JoinOptions, 'protocol'>> & { hello?: boolean } = {}): Promise<Member> {
  const { hello = true, ...join } = o;
  const client = new Client(endpoint);
  const room = await client.joinOrCreate<SpaceState>(ROOM_NAME, joinOptions({ space: 'meet', name: 'Tester', color: '#3366ff', ...join }));
  const got = new Map<string, unknown[]>();
  const errors: ErrorMessage[] = [];
  const rt = barrier(room);
  const feed = poseFeed(room);
  const poseListeners = new Set<() => void>();
  const m: Member = {
    room,
    client,
    id: room.sessionId,
    errors,
    got,
    closed: null,
    of: <T>(type: string) => (got.get(type) ?? []) as T[],
    next: <T>(type: string, n = 1, timeoutMs = 3000) => waitFor(`message ${type} #${n}`, () => m.of<T>(type)[n - 1], timeoutMs),
    refused: (code, timeoutMs = 3000) => waitFor(`refusal ${code}`, () => errors.find((e) => e.code === code), timeoutMs),
    roundTrip: () => rt.roundTrip(),
    poses: feed.poses,
    onPoses: (l) => {
      poseListeners.add(l);
      return () => poseListeners.delete(l);
    },
  };
  room.onMessage('*', (type, message) => {
    const t = String(type);
    if (t === POSE_FRAME_MESSAGE) {
      feed.read(message as Uint8Array);
      for (const l of poseListeners) l();
      return;
    }
    if (t === 'pong' && rt.take(message as { id: number })) return;
    if (t === 'error') errors.push(message as ErrorMessage);
    if (!got.has(t)) got.set(t, []);
    got.get(t)!.push(message);
  });
  room.onLeave((code) => (m.closed = code));
  await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
  await waitFor('the server to place the newcomer (its own first pose frame)', () => feed.poses.has(room.sessionId));
  if (hello) room.send('meeting.hello', {});
  return m;
}
