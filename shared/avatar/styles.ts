/**
 * Avatar styles (SPEC AV1): a small set of distinct bodies, each with its own head and face, drawn
 * by the client from the project's own procedural geometry. The state carries the id; the client
 * owns the shapes. Pure data and one pure choice, so both sides can use them.
 */

/** Every style id, in the order the join screen offers them. */
export const AVATAR_STYLES = ['visor', 'round', 'block', 'cone', 'slim'] as const;
export type AvatarStyleId = (typeof AVATAR_STYLES)[number];

/** What a person reads on the join screen. */
export const AVATAR_STYLE_LABELS: Record<AvatarStyleId, string> = {
  visor: 'Visor',
  round: 'Round',
  block: 'Block',
  cone: 'Cone',
  slim: 'Slim',
};

/** The style to draw for a state value: an id this side does not know (a newer peer's) is the first style. */
export function styleOf(value: string): AvatarStyleId {
  return (AVATAR_STYLES as readonly string[]).includes(value) ? (value as AvatarStyleId) : AVATAR_STYLES[0];
}

/**
 * The style a newcomer who chose none gets: the one fewest people present wear, earliest in the list
 * on a tie, so a room of defaults still looks varied.
 */
export function pickStyle(present: readonly string[]): AvatarStyleId {
  let best: AvatarStyleId = AVATAR_STYLES[0];
  let fewest = Infinity;
  for (const s of AVATAR_STYLES) {
    const n = present.filter((p) => p === s).length;
    if (n < fewest) {
      best = s;
      fewest = n;
    }
  }
  return best;
}
