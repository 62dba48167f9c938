/**
 * `profile`: a participant changes their own name, colour, style or mode (SPEC M2). A colour
 * near-identical to someone else's present is replaced by a distinct one, as on joining (AV2); the
 * sender is told which colour it wears by `profile.color` at once (AV6), not left to guess from a
 * state patch that does not come when the colour was already theirs.
 */
import type { ProfileMessage } from '../../shared/protocol/messages.js';
import { colorFor } from '../avatars/appearance.js';
import type { JsonRoute } from '../core/context.js';

export const profileRoute: JsonRoute<ProfileMessage> = {
  handle(ctx, p, payload) {
    if (payload.name !== undefined) p.avatar.name = payload.name;
    if (payload.color !== undefined) {
      p.avatar.color = colorFor(ctx.state.avatars.entries(), p.sessionId, payload.color).color;
      ctx.send(p, 'profile.color', { asked: payload.color, color: p.avatar.color });
    }
    if (payload.style !== undefined) p.avatar.style = payload.style;
    if (payload.mode !== undefined) p.avatar.mode = payload.mode;
  },
};
