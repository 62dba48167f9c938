/**
 * Helpers the meeting, chat and board handlers share: a typed route, and the two refusals several of
 * them make (not the host, no such person).
 */
import type { JsonRoute, RoomContext } from './context.js';
import type { Participant } from './participant.js';

/** A JSON route from its handler (the payload type is the handler's; the rate is the table's). */
export function featureRoute<T>(handle: (ctx: RoomContext, p: Participant, payload: T) => void): JsonRoute<T> {
  return { handle };
}

/** Refuses with `meeting.not_host` unless `p` is the host; returns whether they are. */
export function requireHost(ctx: RoomContext, p: Participant, ref: string): boolean {
  if (p.avatar.host) return true;
  ctx.refuse(p, 'meeting.not_host', ref);
  return false;
}

/** The participant `target` names, or a `meeting.unknown_person` refusal (undefined). */
export function targetOf(ctx: RoomContext, p: Participant, target: string, ref: string): Participant | undefined {
  const t = ctx.participant(target);
  if (!t) ctx.refuse(p, 'meeting.unknown_person', ref);
  return t;
}
