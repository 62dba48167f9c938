/**
 * Helpers the meeting, chat and board handlers share: a typed route, and the two refusals several of
 * them make (not the host, no such person).
 */
import type { JsonRoute, RoomContext } from '../rooms/context.js';
import type { Participant, RateRule } from '../rooms/participant.js';

/** A JSON route from its rate rule and handler (the payload type is the handler's). */
export function featureRoute<T>(rate: RateRule, handle: (ctx: RoomContext, p: Participant, payload: T) => void): JsonRoute<T> {
  return { rate, handle };
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
