/**
 * Messages of twinned machines (SPEC TW*, CMD*, G*): client → server names and payload validators,
 * spread into the message table (table.ts); server → client payload types; error codes spread into
 * ERROR_TEXT (errors.ts). Twin ids, action and part names come from the definitions; the server
 * checks they exist in this space.
 */
import { z } from './validation.js';

export const TwinMessageType = {
  /** client → server: invoke an action of a twin ({@link TwinCommandMessage}). */
  Command: 'twin.command',
  /** client → server: take hold of a movable part ({@link TwinPartMessage}). */
  Grab: 'twin.grab',
  /** client → server: move the part I hold, up to 30 times a second ({@link TwinMoveMessage}). */
  Move: 'twin.move',
  /** client → server: let go of a part I hold ({@link TwinPartMessage}). */
  Release: 'twin.release',
  /** client → server: I opened or closed a twin's panel ({@link TwinPanelMessage}). */
  Panel: 'twin.panel',
  /** server → client: the sparkline window of a twin whose panel I just opened ({@link TwinHistoryMessage}). */
  History: 'twin.history',
  /** server → client: a machine in this space emitted an event ({@link TwinEventMessage}). */
  Event: 'twin.event',
} as const;

/** A twin id: the definition's file name (assets/twins/<id>.td.json). */
export const TwinId = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'a twin id has 1–48 characters: a–z, 0–9, - and _'));
/** An affordance or part name as written in the definition. */
const Name = z.string().check(z.minLength(1), z.maxLength(64));
const finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));

export const TwinCommandMessage = z.strictObject({
  twin: TwinId,
  /** TD action name. */
  action: Name,
  /** The action's input; checked against the action's `input` schema (omit when it takes none). */
  input: z.optional(z.unknown()),
});
export type TwinCommandMessage = z.infer<typeof TwinCommandMessage>;

export const TwinPartMessage = z.strictObject({
  twin: TwinId,
  /** Part id from the definition's `tv:twin.movable`. */
  part: Name,
});
export type TwinPartMessage = z.infer<typeof TwinPartMessage>;

/** The held part's new pose in the protocol frame: position in metres, rotation a unit quaternion. */
export const TwinMoveMessage = z.strictObject({
  twin: TwinId,
  part: Name,
  p: z.tuple([finite, finite, finite]),
  q: z.tuple([finite, finite, finite, finite]),
});
export type TwinMoveMessage = z.infer<typeof TwinMoveMessage>;

export const TwinPanelMessage = z.strictObject({
  twin: TwinId,
  open: z.boolean(),
});
export type TwinPanelMessage = z.infer<typeof TwinPanelMessage>;

/** server → client: recent samples per numeric property, oldest first; `t` ms since the Unix epoch. */
export interface TwinHistoryMessage {
  twin: string;
  properties: Record<string, { t: number[]; v: number[] }>;
}

/** server → client: an event of a machine in this space (TD `events`), its data checked against the TD. */
export interface TwinEventMessage {
  twin: string;
  /** TD event name. */
  event: string;
  data: unknown;
  /** When the server received it, ms since the Unix epoch. */
  ts: number;
}

/** The twin messages' entries of the client → server table. */
export const TwinClientMessages = {
  [TwinMessageType.Command]: TwinCommandMessage,
  [TwinMessageType.Grab]: TwinPartMessage,
  [TwinMessageType.Move]: TwinMoveMessage,
  [TwinMessageType.Release]: TwinPartMessage,
  [TwinMessageType.Panel]: TwinPanelMessage,
} as const;

/** Refusals of twin messages, spread into ERROR_TEXT. */
export const TWIN_ERRORS = {
  'twin.unknown': 'This space has no machine with that id.',
  'twin.unknown_action': 'This machine has no such action.',
  'twin.invalid_input': 'The action input does not match what the machine accepts.',
  'twin.not_operator': 'Only operators may operate machines in this space: join with the operator passcode.',
  'twin.unbound_action': 'The server cannot reach the machine for this action (its binding is not supported or no source is configured).',
  'twin.busy': 'This machine already has too many commands waiting for an answer.',
  'twin.unknown_part': 'This machine has no movable part with that id.',
  'twin.part_held': 'Someone else is holding this part.',
  'twin.not_holder': 'You are not holding this part: grab it first.',
  'twin.part_range': 'The part cannot be moved that far from its machine.',
  'twin.part_rotation': 'The part rotation is not a unit quaternion.',
} as const;
