/** The quick reactions' fixed set and the message's schema (SPEC RX2). */
import { describe, expect, it } from 'vitest';
import { isReaction, ReactionMessage, REACTIONS, RelayedReaction } from '../../../../shared/protocol/reaction.js';
import { check } from '../../../../shared/protocol/validation.js';

describe('reaction validation', () => {
  it('RX2: the five reactions are in the set; anything else is not, however close', () => {
    expect(REACTIONS).toHaveLength(5);
    for (const r of REACTIONS) expect(isReaction(r)).toBe(true);
    // A heart without its emoji variation selector, a look-alike, text, an inherited name: not reactions.
    for (const s of ['❤', '👍🏽', 'thumbs up', '', 'constructor', '__proto__']) expect(isReaction(s)).toBe(false);
  });

  it('RX2: the message is { emoji } with a short string and nothing else; the relay only carries the set', () => {
    expect(check(ReactionMessage, { emoji: '👍' }).ok).toBe(true);
    expect(check(ReactionMessage, { emoji: 'x'.repeat(17) }).ok).toBe(false);
    expect(check(ReactionMessage, { emoji: '👍', from: 'someone' }).ok).toBe(false);
    expect(check(ReactionMessage, {}).ok).toBe(false);
    expect(check(RelayedReaction, { from: 'abc', emoji: '💩' }).ok).toBe(false);
  });
});
