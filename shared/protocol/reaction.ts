/**
 * Quick reactions (SPEC RX1–RX3): a small fixed set of emoji someone shows over their own head for a
 * few seconds. Nothing is kept: the server checks the emoji against the set and relays it to the
 * room with the sender's session id (from its session, never from the payload).
 */
import type { JsonClientEntry, ServerEntry } from './entry.js';
import { z } from './validation.js';
import { SessionId } from './values.js';

/** The reactions, in the order of the buttons and of keys 1–5. */
export const REACTIONS = ['👍', '❓', '👏', '❤️', '😮'] as const;
export type Reaction = (typeof REACTIONS)[number];

export function isReaction(s: string): s is Reaction {
  return (REACTIONS as readonly string[]).includes(s);
}

/** client → server `reaction`. Any short string passes the schema; one outside the set is `reaction.unknown`. */
export const ReactionMessage = z.strictObject({ emoji: z.string().check(z.maxLength(16)) });
export type ReactionMessage = z.infer<typeof ReactionMessage>;

/** server → client `reaction`: who reacted, and with what. */
export const RelayedReaction = z.object({ from: SessionId, emoji: z.enum(REACTIONS) });
export type RelayedReaction = z.infer<typeof RelayedReaction>;

export const ReactionClientMessages = {
  reaction: {
    kind: 'json',
    schema: ReactionMessage,
    rate: { perSecond: 2, burst: 4 },
    errors: ['reaction.unknown'],
    doc: '`{ emoji }`: show one of the quick reactions over my head (RX1, RX2)',
  } as const satisfies JsonClientEntry<ReactionMessage>,
} as const;

export const ReactionServerMessages = {
  reaction: {
    schema: RelayedReaction,
    doc: '`{ from, emoji }`: someone reacted; everyone in the room, the sender too (RX1)',
  } satisfies ServerEntry<RelayedReaction>,
} as const;

export const REACTION_ERRORS = {
  'reaction.unknown': `Reactions are one of ${REACTIONS.join(' ')}.`,
} as const;
