/**
 * What the server processes sharing the twins tell each other over Redis pub/sub (SPEC S4, S5): the
 * owner's readings and command changes, commands forwarded to the owner and its answers,
 * acknowledgements, journal entries and notes. Server to server only (no client sees them), so they
 * live here, not in shared/; still checked on arrival like anything read off a wire.
 */
import { COMMAND_STATUSES } from '../../shared/twin/data.js';
import { AuditKind } from '../../shared/protocol/activity.js';
import { NoteKind } from '../../shared/protocol/twinMemory.js';
import { z } from '../../shared/protocol/validation.js';

const Actor = z.object({ session: z.string(), name: z.string(), space: z.string() });

const Command = z.object({
  id: z.string(),
  twin: z.string(),
  action: z.string(),
  input: z.unknown(),
  inputText: z.string(),
  by: z.string(),
  byName: z.string(),
  space: z.string(),
  status: z.enum(COMMAND_STATUSES),
  reason: z.string(),
  at: z.number(),
  doneAt: z.number(),
});

export const ClusterMessage = z.discriminatedUnion('k', [
  /** The owner's simulator readings of one step, as it ingested them (`ts` ms epoch). */
  z.object({
    k: z.literal('values'),
    from: z.string(),
    twin: z.string(),
    ts: z.number(),
    values: z.record(z.string(), z.union([z.number(), z.boolean()])),
  }),
  /** A command the owner opened or completed, and the set-point it left on its property. */
  z.object({
    k: z.literal('cmd'),
    from: z.string(),
    cmd: Command,
    desired: z.nullable(z.object({ property: z.string(), text: z.string(), num: z.nullable(z.number()), tolerance: z.number() })),
  }),
  /** A command for the owner to execute; `req` pairs it with its answer. */
  z.object({
    k: z.literal('invoke'),
    from: z.string(),
    req: z.string(),
    twin: z.string(),
    action: z.string(),
    input: z.unknown(),
    actor: Actor,
  }),
  /** The owner's answer to `invoke`, for the process `to` only. */
  z.object({
    k: z.literal('result'),
    from: z.string(),
    to: z.string(),
    req: z.string(),
    ok: z.boolean(),
    cmd: z.optional(Command),
    code: z.optional(z.string()),
    detail: z.optional(z.string()),
  }),
  z.object({
    k: z.literal('ack'),
    from: z.string(),
    twin: z.string(),
    alarm: z.string(),
    session: z.string(),
    name: z.string(),
    at: z.number(),
  }),
  z.object({
    k: z.literal('journal'),
    from: z.string(),
    announce: z.boolean(),
    entry: z.object({
      at: z.number(),
      space: z.string(),
      twin: z.string(),
      kind: AuditKind,
      actor: z.object({ session: z.string(), name: z.string() }),
      subject: z.string(),
      detail: z.record(z.string(), z.unknown()),
    }),
  }),
  z.object({
    k: z.literal('note'),
    from: z.string(),
    note: z.object({
      id: z.string(),
      twin: z.string(),
      kind: NoteKind,
      text: z.string(),
      at: z.number(),
      by: z.string(),
      bySession: z.string(),
      space: z.string(),
    }),
  }),
]);
export type ClusterMessage = z.infer<typeof ClusterMessage>;
