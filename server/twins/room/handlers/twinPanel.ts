/**
 * `twin.panel`: someone opened or closed a machine's panel (SPEC TW8). Everyone sees who has it
 * open; the opener gets the sparkline window (`twin.history`) to start from.
 */
import { type TwinHistoryMessage, type TwinPanelMessage } from '../../../../shared/protocol/twinMessages.js';
import type { JsonRoute } from '../../../core/context.js';
import type { RoomTwin } from '../roomTwins.js';

export function historyOf(rt: RoomTwin): TwinHistoryMessage {
  const properties: TwinHistoryMessage['properties'] = {};
  for (const p of rt.live.properties.values()) if (p.history) properties[p.def.name] = p.history.snapshot();
  return { twin: rt.live.id, properties };
}

export function twinPanelRoute(twins: ReadonlyMap<string, RoomTwin>): JsonRoute<TwinPanelMessage> {
  return {
    handle(ctx, p, m) {
      const rt = twins.get(m.twin);
      if (!rt) return ctx.refuse(p, 'twin.unknown', 'twin.panel', m.twin);
      if (m.open) {
        if (rt.state.viewers.get(p.sessionId) !== p.avatar.name) rt.state.viewers.set(p.sessionId, p.avatar.name);
        ctx.send(p, 'twin.history', historyOf(rt));
      } else rt.state.viewers.delete(p.sessionId);
    },
  };
}
