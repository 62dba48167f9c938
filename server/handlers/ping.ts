/** `ping`: answered with `pong` carrying the same id, to the sender only; nothing changes (SPEC M7). */
import type { PingMessage } from '../../shared/protocol/messages.js';
import type { JsonRoute } from '../core/context.js';

export const pingRoute: JsonRoute<PingMessage> = {
  handle(ctx, p, payload) {
    ctx.send(p, 'pong', { id: payload.id });
  },
};
