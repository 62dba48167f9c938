/**
 * How a participant looks, decided by the server (SPEC AV1, AV2): a colour unlike everyone else's
 * present and, when they chose none, the style fewest people wear. Used on join and on `profile`.
 */
import { pickColor, type ColorChoice } from '../../shared/avatar/colors.js';
import { pickStyle, type AvatarStyleId } from '../../shared/avatar/styles.js';
import type { AvatarState } from '../../shared/state/avatar.js';

/** Everyone's avatar but `self`'s: whose colours and styles count as "present". */
function others(avatars: Iterable<[string, AvatarState]>, self: string): AvatarState[] {
  const list: AvatarState[] = [];
  for (const [id, a] of avatars) if (id !== self) list.push(a);
  return list;
}

/** The colour `self` gets when asking for `requested` (or nothing), given everyone else in the space. */
export function colorFor(
  avatars: Iterable<[string, AvatarState]>,
  self: string,
  requested: string | undefined,
): { color: string; choice: ColorChoice } {
  return pickColor(
    requested,
    others(avatars, self).map((a) => a.color),
  );
}

/** The style `self` gets when asking for `requested` (or nothing). */
export function styleFor(avatars: Iterable<[string, AvatarState]>, self: string, requested: AvatarStyleId | undefined): AvatarStyleId {
  return requested ?? pickStyle(others(avatars, self).map((a) => a.style));
}
