/**
 * `twin.move`: the holder moves a part, up to 30 times a second (SPEC G2, G6). JSON, not binary: only a
 * holder sends it (one per part), it passes the same validated table as every other message, and
 * what everyone else receives is the schema patch of seven float32 fields, not this message.
 */
import type { TwinMoveMessage } from '../../../../shared/protocol/twinMessages.js';
import { insideBounds } from '../../../../shared/protocol/bounds.js';
import type { JsonRoute } from '../../../core/context.js';
import { clampPart } from '../../partBounds.js';
import type { RoomTwin } from '../roomTwins.js';
import { mayTouchParts, partOf } from './twinGrab.js';

export function twinMoveRoute(twins: ReadonlyMap<string, RoomTwin>): JsonRoute<TwinMoveMessage> {
  return {
    handle(ctx, p, m) {
      const found = partOf(ctx, p, twins, m, 'twin.move');
      if (!found || !mayTouchParts(ctx, p, 'twin.move')) return;
      const { rt, part } = found;
      if (part.holder !== p.sessionId) return ctx.refuse(p, 'twin.not_holder', 'twin.move');
      const [x, y, z] = m.p;
      const [qx, qy, qz, qw] = m.q;
      const n = Math.hypot(qx, qy, qz, qw);
      if (n < 0.98 || n > 1.02) return ctx.refuse(p, 'twin.part_rotation', 'twin.move');
      const info = rt.parts.get(m.part)!;
      const d = Math.hypot(x - info.rest[0], y - info.rest[1], z - info.rest[2]);
      if (d > info.reach)
        return ctx.refuse(p, 'twin.part_range', 'twin.move', `${d.toFixed(2)} m from its place, at most ${info.reach.toFixed(2)} m`);
      if (!insideBounds(ctx.bounds, x, y, z)) return ctx.refuse(p, 'twin.part_range', 'twin.move', 'outside the space');
      // Kept where someone can still see and take it: out of the machine, above the floor (SPEC G6).
      [part.px, part.py, part.pz] = clampPart([x, y, z], info.placement, info.body, info.rest);
      part.qx = qx / n;
      part.qy = qy / n;
      part.qz = qz / n;
      part.qw = qw / n;
    },
  };
}
