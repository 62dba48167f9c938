/**
 * Meeting handlers need more of the room than a pose does (other participants, broadcast, send):
 * `featureRoute` gives them the room's FeatureContext. SpaceRoom installs its edge with that
 * FeatureContext, so the narrowing is always true.
 */
import type { JsonRoute } from '../rooms/context.js';
import type { FeatureContext } from '../rooms/feature.js';
import type { Participant } from '../rooms/participant.js';

export function featureRoute<T>(handle: (ctx: FeatureContext, p: Participant, payload: T) => void): JsonRoute<T> {
  return { handle: (ctx, p, payload) => handle(ctx as FeatureContext, p, payload) };
}

/** Refuses with `meeting.not_host` unless `p` is the host; returns whether they are. */
export function requireHost(ctx: FeatureContext, p: Participant, ref: string): boolean {
  if (p.avatar.host) return true;
  ctx.refuse(p, 'meeting.not_host', ref);
  return false;
}

/** The participant `target` names, or a `meeting.unknown_person` refusal (undefined). */
export function targetOf(ctx: FeatureContext, p: Participant, target: string, ref: string): Participant | undefined {
  const t = ctx.participant(target);
  if (!t) ctx.refuse(p, 'meeting.unknown_person', ref);
  return t;
}
