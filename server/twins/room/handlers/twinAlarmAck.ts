/**
 * `twin.alarm_ack`: someone acknowledges an active alarm (SPEC AK1, AK2). Operators and the host may;
 * the runtime records who and when on the alarm everyone sees, keeps it as an alarm event and audits it.
 */
import type { TwinAlarmAckMessage } from '../../../../shared/protocol/twinMemory.js';
import type { JsonRoute } from '../../../core/context.js';
import type { Participant } from '../../../core/participant.js';
import type { TwinRuntime } from '../../runtime.js';
import type { RoomTwin } from '../roomTwins.js';

const REF = 'twin.alarm_ack';

/** Who may acknowledge alarms and write notes: operators (OP1) and the host. */
export function keepsRecords(p: Participant): boolean {
  return p.operator || p.avatar.host;
}

export function twinAlarmAckRoute(
  twins: ReadonlyMap<string, RoomTwin>,
  runtime: TwinRuntime,
  space: string,
): JsonRoute<TwinAlarmAckMessage> {
  return {
    handle(ctx, p, m) {
      if (!twins.has(m.twin)) return ctx.refuse(p, 'twin.unknown', REF, m.twin);
      if (!keepsRecords(p)) return ctx.refuse(p, 'twin.operators_only', REF);
      // Settled across processes first when there are several (S5): the answer may come a moment later.
      runtime.acknowledge(m.twin, m.alarm, { session: p.sessionId, name: p.avatar.name, space }).then(
        (r) => {
          if (!r.ok) ctx.refuse(p, r.code, REF, r.detail);
        },
        // Never an unhandled rejection (it would stop the process): one line, and the sender is told.
        (err: unknown) => {
          ctx.log.warn({ twin: m.twin, alarm: m.alarm, problem: (err as Error).message }, 'acknowledgement failed');
          ctx.refuse(p, 'twin.owner_unreachable', REF, 'the acknowledgement could not be settled');
        },
      );
    },
  };
}
