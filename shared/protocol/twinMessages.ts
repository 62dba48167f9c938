/**
 * Messages of twinned machines (SPEC TW*, CMD*, G*): both directions' entries of the message tables
 * (table.ts) and the error codes spread into ERROR_TEXT (errors.ts). Twin ids, action and part names
 * come from the definitions; the server checks they exist in this space.
 */
import type { JsonClientEntry, ServerEntry } from './entry.js';
import { z } from './validation.js';
import { Finite, TwinId } from './values.js';

/** An affordance or part name as written in the definition. */
const Name = z.string().check(z.minLength(1), z.maxLength(64));

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
  p: z.tuple([Finite, Finite, Finite]),
  q: z.tuple([Finite, Finite, Finite, Finite]),
});
export type TwinMoveMessage = z.infer<typeof TwinMoveMessage>;

export const TwinPanelMessage = z.strictObject({
  twin: TwinId,
  open: z.boolean(),
});
export type TwinPanelMessage = z.infer<typeof TwinPanelMessage>;

/** server → client: recent samples per numeric property, oldest first; `t` ms since the Unix epoch. */
export const TwinHistoryMessage = z.object({
  twin: z.string(),
  properties: z.record(z.string(), z.object({ t: z.array(z.number()), v: z.array(z.number()) })),
});
export type TwinHistoryMessage = z.infer<typeof TwinHistoryMessage>;

/** server → client: an event of a machine in this space (TD `events`), its data checked against the TD. */
export const TwinEventMessage = z.object({
  twin: z.string(),
  /** TD event name. */
  event: z.string(),
  data: z.unknown(),
  /** When the server received it, ms since the Unix epoch. */
  ts: z.number(),
});
export type TwinEventMessage = z.infer<typeof TwinEventMessage>;

const PART_ERRORS = ['twin.unknown', 'twin.unknown_part'] as const;

/** The twin messages' entries of the client → server table. */
export const TwinClientMessages = {
  'twin.command': {
    kind: 'json',
    schema: TwinCommandMessage,
    rate: { perSecond: 5, burst: 10 },
    errors: [
      'twin.unknown',
      'twin.not_operator',
      'twin.unknown_action',
      'twin.invalid_input',
      'twin.unbound_action',
      'twin.busy',
      'twin.replay',
      'twin.owner_unreachable',
    ],
    doc: '`{ twin, action, input? }`: invoke an action (CMD1–CMD3)',
  } as const satisfies JsonClientEntry<TwinCommandMessage>,
  'twin.grab': {
    kind: 'json',
    schema: TwinPartMessage,
    rate: { perSecond: 5, burst: 10 },
    errors: [...PART_ERRORS, 'twin.not_operator', 'twin.part_held'],
    doc: '`{ twin, part }`: take hold of a movable part (G1, G5)',
  } as const satisfies JsonClientEntry<TwinPartMessage>,
  'twin.move': {
    kind: 'json',
    schema: TwinMoveMessage,
    rate: { perSecond: 30, burst: 10 },
    errors: [...PART_ERRORS, 'twin.not_operator', 'twin.not_holder', 'twin.part_rotation', 'twin.part_range'],
    doc: '`{ twin, part, p, q }`: move the part I hold, protocol frame; kept reachable (G2, G5, G6)',
  } as const satisfies JsonClientEntry<TwinMoveMessage>,
  'twin.release': {
    kind: 'json',
    schema: TwinPartMessage,
    rate: { perSecond: 5, burst: 10 },
    errors: [...PART_ERRORS, 'twin.not_holder'],
    doc: '`{ twin, part }`: let go of a part I hold (G3)',
  } as const satisfies JsonClientEntry<TwinPartMessage>,
  'twin.return_part': {
    kind: 'json',
    schema: TwinPartMessage,
    rate: { perSecond: 2, burst: 4 },
    errors: [...PART_ERRORS, 'twin.not_operator', 'twin.part_held'],
    doc: '`{ twin, part }`: put a part nobody holds back at its rest pose (G7, G5)',
  } as const satisfies JsonClientEntry<TwinPartMessage>,
  'twin.panel': {
    kind: 'json',
    schema: TwinPanelMessage,
    rate: { perSecond: 4, burst: 8 },
    errors: ['twin.unknown'],
    doc: '`{ twin, open }`: I opened or closed a panel (TW8)',
  } as const satisfies JsonClientEntry<TwinPanelMessage>,
} as const;

/** The twin messages' entries of the server → client table. */
export const TwinServerMessages = {
  'twin.history': {
    schema: TwinHistoryMessage,
    doc: '`{ twin, properties: { name: { t, v } } }`: the sparkline window of a panel I opened (TW8)',
  } satisfies ServerEntry<TwinHistoryMessage>,
  'twin.event': {
    schema: TwinEventMessage,
    doc: '`{ twin, event, data, ts }`: a machine in this space emitted an event (TW9)',
  } satisfies ServerEntry<TwinEventMessage>,
} as const;

/** Refusals of twin messages, spread into ERROR_TEXT. */
export const TWIN_ERRORS = {
  'twin.unknown': 'This space has no machine with that id.',
  'twin.unknown_action': 'This machine has no such action.',
  'twin.invalid_input': 'The action input does not match what the machine accepts.',
  'twin.not_operator': 'Only operators may operate machines in this space: join with the operator passcode.',
  'twin.unbound_action': 'The server cannot reach the machine for this action (its binding is not supported or no source is configured).',
  'twin.busy': 'This machine already has too many commands waiting for an answer.',
  'twin.owner_unreachable': 'The server process that runs this machine did not answer: try again in a few seconds.',
  'twin.unknown_part': 'This machine has no movable part with that id.',
  'twin.part_held': 'Someone else is holding this part.',
  'twin.not_holder': 'You are not holding this part: grab it first.',
  'twin.part_range': 'The part cannot be moved that far from its machine.',
  'twin.part_rotation': 'The part rotation is not a unit quaternion.',
} as const;
