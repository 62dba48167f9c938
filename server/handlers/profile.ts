/** `profile`: a participant changes their own name, colour or mode (SPEC M2). */
import type { ProfileMessage } from '../../shared/protocol/messages.js';
import type { JsonRoute } from '../rooms/context.js';

export const profileRoute: JsonRoute<ProfileMessage> = {
  handle(_ctx, p, payload) {
    if (payload.name !== undefined) p.avatar.name = payload.name;
    if (payload.color !== undefined) p.avatar.color = payload.color;
    if (payload.mode !== undefined) p.avatar.mode = payload.mode;
  },
};
