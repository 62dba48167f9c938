/**
 * What a message handler may use of its room: the state it changes, the space's bounds, a clock, a
 * logger and a way to refuse. Handlers get this instead of the room, so they stay plain functions
 * that tests can call.
 */
import type { Logger } from '../log.js';
import type { ErrorCode } from '../../shared/protocol/errors.js';
import type { Bounds } from '../../shared/space/bounds.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { Participant } from './participant.js';

export interface RoomContext {
  readonly state: SpaceState;
  readonly bounds: Bounds;
  readonly log: Logger;
  /** Monotonic time in seconds. */
  now(): number;
  /** Tells `p` its message of type `ref` was refused (throttled per code) and logs it. */
  refuse(p: Participant, code: ErrorCode, ref: string, detail?: string): void;
}

/** A JSON client message's route: what to do with a payload that passed validation (and its rate, table.ts). */
export interface JsonRoute<T> {
  handle(ctx: RoomContext, p: Participant, payload: T): void;
}

/** A binary client message's route: the handler decodes and validates the bytes itself. */
export interface BinaryRoute {
  handle(ctx: RoomContext, p: Participant, bytes: Uint8Array): void;
}
