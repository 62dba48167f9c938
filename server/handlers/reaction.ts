/** `reaction`: one of the fixed quick reactions, relayed to the whole room (SPEC RX1, RX2). Nothing is stored. */
import { isReaction, type ReactionMessage, type RelayedReaction } from '../../shared/protocol/reaction.js';
import { featureRoute } from '../core/route.js';

export const reactionRoute = featureRoute<ReactionMessage>((ctx, p, m) => {
  if (!isReaction(m.emoji)) return ctx.refuse(p, 'reaction.unknown', 'reaction', `${m.emoji.length} characters`);
  const relayed: RelayedReaction = { from: p.sessionId, emoji: m.emoji };
  ctx.broadcast('reaction', relayed);
});
