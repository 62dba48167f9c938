/**
 * `twin.grab` / `twin.release`: one holder per movable part at a time (SPEC G1–G3). A second grabber
 * is refused with the holder's name; a hold ends on release, leave or a lost connection.
 */
import type { TwinPartMessage } from '../../../../shared/protocol/twinMessages.js';
import type { JsonRoute, RoomContext } from '../../../core/context.js';
import type { Participant } from '../../../core/participant.js';
import type { RoomTwin } from '../roomTwins.js';
import type { TwinPartState } from '../../../../shared/state/twin.js';

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
      drop(ctx, p, found.rt, m.part, found.part);
    },
  };
}

/** Ends every hold of `p` (leave or lost connection). */
export function releaseAll(ctx: RoomContext, twins: ReadonlyMap<string, RoomTwin>, p: Participant): void {
  for (const rt of twins.values()) for (const [id, part] of rt.state.parts) if (part.holder === p.sessionId) drop(ctx, p, rt, id, part);
}

/** Lets go of a part and audits where it was put: a move is recorded at its drop, not per move message (SPEC AU1). */
function drop(ctx: RoomContext, p: Participant, rt: RoomTwin, id: string, part: TwinPartState): void {
  part.holder = '';
  part.holderName = '';
  ctx.audit({
    twin: rt.live.id,
    kind: 'part_move',
    actor: { session: p.sessionId, name: p.avatar.name },
    subject: id,
    detail: { part: id, p: [part.px, part.py, part.pz], q: [part.qx, part.qy, part.qz, part.qw] },
  });
}
