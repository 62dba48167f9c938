/**
 * What handlers and features may use of their room — one context for both: the state they change,
 * the space, a clock, a logger, the participants, ways to send, refuse and disconnect, and timers.
 * They get this instead of the room, so they stay plain functions and objects that tests can call.
 */
import type { Logger } from '../log.js';
import type { AuditInput } from '../audit/journal.js';
import type { ErrorCode } from '../../shared/protocol/errors.js';
import type { Bounds } from '../../shared/protocol/bounds.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { SpaceInfo } from './spaceInfo.js';
import type { Participant } from './participant.js';

export interface RoomContext {
  readonly state: SpaceState;
  /** The space's walkable volume (protocol frame, metres). */
  readonly bounds: Bounds;
  readonly log: Logger;
  readonly roomId: string;
  readonly space: SpaceInfo;
  /** Monotonic time in seconds. */
  now(): number;
  /** Tells `p` its message of type `ref` was refused (throttled per code) and logs it. */
  refuse(p: Participant, code: ErrorCode, ref: string, detail?: string): void;
  participant(sessionId: string): Participant | undefined;
  /** Everyone with a seat, in join order (seats held for a reconnection included). */
  participants(): Iterable<Participant>;
  /** Sends a message to one participant. */
  send(p: Participant, type: string, message: unknown): void;
  /** Sends a message to everyone in the space, optionally except one. */
  broadcast(type: string, message: unknown, except?: Participant): void;
  /** Records something done in this space that changed it or one of its machines: the audit log and the activity feed (SPEC AU1, AU5). */
  audit(e: Omit<AuditInput, 'space'>): void;
  /** Runs every feature's `greet` hook for `p`, in feature order (the client said it listens). */
  greet(p: Participant): void;
  /** Ends a participant's session with a close code (e.g. removed by the host). */
  disconnect(p: Participant, code: number): void;
  /** Runs `fn` after `ms` on the room's clock; returns a cancel function. */
  after(ms: number, fn: () => void): () => void;
  /** Runs `fn` every `ms` on the room's clock; returns a cancel function. */
  every(ms: number, fn: () => void): () => void;
}

/** A JSON client message's route: what to do with a payload that passed validation (its rate is the table's). */
export interface JsonRoute<T> {
  handle(ctx: RoomContext, p: Participant, payload: T): void;
}

/** A binary client message's route: the handler decodes and validates the bytes itself. */
export interface BinaryRoute {
  handle(ctx: RoomContext, p: Participant, bytes: Uint8Array): void;
}
