/**
 * People inside are held to join-token revocations (SPEC JT9): whenever the revocations change (one
 * made here, or a read of the store showing another process's), everyone who joined with a token that
 * is now revoked is closed with 4437 and its words; a seat held for their reconnection is given up, so
 * the reconnection token does not bring them back either. One log line each.
 */
import { ServerError } from '@colyseus/core';
import { CLOSE_REASONS, CloseCode } from '../../shared/protocol/version.js';
import type { RevokedTokens } from '../core/revokedTokens.js';
import type { RoomContext } from '../core/context.js';
import type { RoomFeature } from '../core/feature.js';
import type { Participant } from '../core/participant.js';

export function tokenRevocationFeature(revocations: RevokedTokens): RoomFeature {
  let unsubscribe: (() => void) | null = null;

  const evictIfRevoked = (ctx: RoomContext, p: Participant): void => {
    const ticket = p.joined.ticket;
    if (!ticket || p.removed) return;
    const detail = revocations.revokedNow({ ...ticket, space: ctx.space.name });
    if (detail === null) return;
    ctx.log.info({ session: p.sessionId, jti: ticket.jti, held: !p.avatar.connected, detail }, 'token revoked: participant removed');
    ctx.disconnect(p, CloseCode.TOKEN_REVOKED);
  };

  return {
    name: 'token-revocation',
    opened(ctx) {
      unsubscribe = revocations.onChange(() => {
        for (const p of [...ctx.participants()]) evictIfRevoked(ctx, p);
      });
    },
    // Revoked between the join check and the seat: refused as the join check would have.
    admit(ctx, options) {
      const detail = options.ticket ? revocations.revokedNow({ ...options.ticket, space: ctx.space.name }) : null;
      if (detail !== null) throw new ServerError(CloseCode.TOKEN_REVOKED, `${CLOSE_REASONS[CloseCode.TOKEN_REVOKED]} ${detail}`);
    },
    dispose() {
      unsubscribe?.();
    },
  };
}
