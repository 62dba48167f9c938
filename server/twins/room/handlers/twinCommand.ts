/**
 * `twin.command`: invoke a machine's action (SPEC CMD1–CMD3). The sender must be an operator in this
 * space; the runtime checks the action, its input and the route to the device, then everyone sees
 * the pending command and its outcome in the twin's state.
 */
import type { TwinCommandMessage } from '../../../../shared/protocol/twinMessages.js';
import type { JsonRoute } from '../../../core/context.js';
import type { TwinRuntime } from '../../runtime.js';
import type { RoomTwin } from '../roomTwins.js';

const REF = 'twin.command';

export function twinCommandRoute(twins: ReadonlyMap<string, RoomTwin>, runtime: TwinRuntime, space: string): JsonRoute<TwinCommandMessage> {
  return {
    handle(ctx, p, m) {
      if (!twins.has(m.twin)) return ctx.refuse(p, 'twin.unknown', REF, m.twin);
      if (!p.operator) return ctx.refuse(p, 'twin.not_operator', REF);
      // Executed here or by the process that runs the machine (SPEC S4); a refusal comes back either way.
      void runtime.request(m.twin, m.action, m.input, { session: p.sessionId, name: p.avatar.name, space }).then((r) => {
        if (!r.ok) ctx.refuse(p, r.code, REF, r.detail);
      });
    },
  };
}
