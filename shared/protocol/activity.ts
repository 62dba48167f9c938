/**
 * The activity feed (SPEC AU5): one server → client `activity` message for each audited action in a
 * space or on a machine it shows. Structured, not worded: the client says it in its own words, with
 * the titles of the definitions (action, alarm and machine titles, never ids).
 */
import type { ServerEntry } from './entry.js';
import { z } from './validation.js';

/** What was done; the same kinds the audit log records (server/audit/). */
export const AUDIT_KINDS = [
  'command',
  'command_result',
  'fault',
  'alarm_ack',
  'note',
  'part_move',
  'mute',
  'remove',
  'lock',
  'unlock',
  'timeline',
] as const;
export const AuditKind = z.enum(AUDIT_KINDS);
export type AuditKind = z.infer<typeof AuditKind>;

export const ActivityMessage = z.object({
  /** When, ms since the Unix epoch (server time). */
  at: z.number(),
  kind: AuditKind,
  /** Display name of who did it (`HTTP API` for a request over HTTP). */
  actor: z.string(),
  /** The machine's id and title; empty for actions on the space. */
  twin: z.string(),
  twinTitle: z.string(),
  /** What it was done to or with, as people read it: the action's title, the alarm's words, the note's kind, the part, the person. */
  subject: z.string(),
});
export type ActivityMessage = z.infer<typeof ActivityMessage>;

export const ActivityServerMessages = {
  activity: {
    schema: ActivityMessage,
    doc: '`{ at, kind, actor, twin, twinTitle, subject }`: a change here, for the feed (AU5)',
  } satisfies ServerEntry<ActivityMessage>,
} as const;
