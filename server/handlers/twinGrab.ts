/**
 * `twin.grab` / `twin.release`: one holder per movable part at a time (SPEC G1–G3). A second grabber
 * is refused with the holder's name; a hold ends on release, leave or a lost connection.
 */
import type { TwinPartMessage } from '../../shared/protocol/twinMessages.js';
import type { JsonRoute, RoomContext } from '../rooms/context.js';
import type { Participant } from '../rooms/participant.js';
import type { RoomTwin } from '../twins/room/roomTwins.js';
import type { TwinPartState } from '../../shared/state/twin.js';

/**
 * In a locked space only operators touch machine parts (SPEC G5): the layout locks it because its
 * machines are real, and viewers only watch. False with a refusal sent.
 */
export function mayTouchParts(ctx: RoomContext, p: Participant, ref: string): boolean {
  if (!ctx.space.layout.locked || p.operator) return true;
  ctx.refuse(p, 'twin.not_operator', ref, 'parts of a locked space move for operators only');
  return false;
}

/** The part a message names, or a refusal sent. */
export function partOf(
  ctx: RoomContext,
  p: Participant,
  twins: ReadonlyMap<string, RoomTwin>,
  m: TwinPartMessage,
  ref: string,
): { rt: RoomTwin; part: TwinPartState } | null {
  const rt = twins.get(m.twin);
  if (!rt) {
    ctx.refuse(p, 'twin.unknown', ref, m.twin);
    return null;
  }
  const part = rt.state.parts.get(m.part);
  if (!part) {
    ctx.refuse(p, 'twin.unknown_part', ref, `${m.twin}/${m.part}`);
    return null;
  }
  return { rt, part };
}

export function twinGrabRoute(twins: ReadonlyMap<string, RoomTwin>): JsonRoute<TwinPartMessage> {
  return {
    handle(ctx, p, m) {
      const found = partOf(ctx, p, twins, m, 'twin.grab');
      if (!found || !mayTouchParts(ctx, p, 'twin.grab')) return;
      const { part } = found;
      if (part.holder === p.sessionId) return;
      if (part.holder !== '') return ctx.refuse(p, 'twin.part_held', 'twin.grab', `${part.holderName} is holding it`);
      part.holder = p.sessionId;
      part.holderName = p.avatar.name;
      ctx.log.info({ session: p.sessionId, twin: m.twin, part: m.part }, 'part grabbed');
    },
  };
}

export function twinReleaseRoute(twins: ReadonlyMap<string, RoomTwin>): JsonRoute<TwinPartMessage> {
  return {
    handle(ctx, p, m) {
      const found = partOf(ctx, p, twins, m, 'twin.release');
      if (!found) return;
      if (found.part.holder !== p.sessionId) return ctx.refuse(p, 'twin.not_holder', 'twin.release');
      found.part.holder = '';
      found.part.holderName = '';
    },
  };
}

/** Ends every hold of `p` (leave or lost connection). */
export function releaseAll(twins: ReadonlyMap<string, RoomTwin>, p: Participant): void {
  for (const rt of twins.values())
    for (const part of rt.state.parts.values())
      if (part.holder === p.sessionId) {
        part.holder = '';
        part.holderName = '';
      }
}
