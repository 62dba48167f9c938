/**
 * The shape of one entry of the message tables (table.ts): what a message is called, what its
 * payload must look like, how often a person may send it and how the server may refuse it. The
 * server's edge, the client's typed `send`/`on`, SPEC.md's message list and the rate limits all read
 * these entries, so a message is described once.
 */
import type { z } from './validation.js';

/** Token bucket: `perSecond` sustained, `burst` at once, per person and message type. */
export interface RateRule {
  readonly perSecond: number;
  readonly burst: number;
}

/** A client → server message sent as JSON (msgpack) and checked against `schema` at the edge. */
export interface JsonClientEntry<T = unknown> {
  readonly kind: 'json';
  readonly schema: z.ZodMiniType<T>;
  readonly rate: RateRule;
  /** Codes the handler may refuse it with, beyond `message.invalid` and `message.rate` (SPEC M3). */
  readonly errors: readonly string[];
  /** What the payload says, for SPEC.md (with the rule IDs that govern it). */
  readonly doc: string;
}

/** A client → server message sent as bytes (`sendBytes`): its route decodes and checks them. */
export interface BinaryClientEntry {
  readonly kind: 'binary';
  readonly rate: RateRule;
  /** The code a message over its rate is refused with. */
  readonly rateError: string;
  readonly errors: readonly string[];
  readonly doc: string;
}

export type ClientEntry = JsonClientEntry | BinaryClientEntry;

/** A server → client message: the client checks what it receives against `schema`. */
export interface ServerEntry<T = unknown> {
  readonly schema: z.ZodMiniType<T>;
  readonly doc: string;
}
