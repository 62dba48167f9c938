/**
 * `twin.return_part`: puts a movable part back where its definition rests it (SPEC G7), for a part
 * left somewhere awkward. Same rights as moving it (G5); a part someone holds is theirs until let go.
 */
import type { TwinPartMessage } from '../../../../shared/protocol/twinMessages.js';
import type { JsonRoute } from '../../../core/context.js';
import type { RoomTwin } from '../roomTwins.js';
import { mayTouchParts, partOf } from './twinGrab.js';

export function twinReturnRoute(twins: ReadonlyMap<string, RoomTwin>): JsonRoute<TwinPartMessage> {
  return {
    handle(ctx, p, m) {
      const found = partOf(ctx, p, twins, m, 'twin.return_part');
      if (!found || !mayTouchParts(ctx, p, 'twin.return_part')) return;
      const { rt, part } = found;
      if (part.holder !== '') return ctx.refuse(p, 'twin.part_held', 'twin.return_part', `${part.holderName} is holding it`);
      const info = rt.parts.get(m.part)!;
      const [x, y, z] = info.rest;
      const { x: qx, y: qy, z: qz, w: qw } = info.restQ;
      if (part.px === x && part.py === y && part.pz === z && part.qx === qx && part.qy === qy && part.qz === qz && part.qw === qw) return;
      part.px = x;
      part.py = y;
      part.pz = z;
      part.qx = qx;
      part.qy = qy;
      part.qz = qz;
      part.qw = qw;
      ctx.audit({
        twin: rt.live.id,
        kind: 'part_move',
        actor: { session: p.sessionId, name: p.avatar.name },
        subject: m.part,
        detail: { part: m.part, p: [x, y, z], q: [qx, qy, qz, qw], returned: true },
      });
    },
  };
}
