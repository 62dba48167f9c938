/**
 * Small front-view pictures of each avatar style for the join screen (SPEC AV1): the same shapes
 * as client/avatars/styleShapes.ts, drawn flat in the current colour so the choice is seen, not read.
 */
import type { AvatarStyleId } from '../../shared/avatar/styles.js';

const GLASS = '#101419';
const LIGHT = '#d9f7ff';

const FACES: Record<AvatarStyleId, string> = {
  visor: `<ellipse cx="20" cy="14" rx="9" ry="10.5" fill="currentColor"/><rect x="12" y="11" width="16" height="6" rx="3" fill="${GLASS}"/><rect x="15" y="13.3" width="10" height="1.4" fill="${LIGHT}"/><rect x="13" y="27" width="14" height="19" rx="7" fill="currentColor"/>`,
  round: `<circle cx="20" cy="14" r="10.5" fill="currentColor"/><circle cx="16" cy="13" r="2.8" fill="#f5f5f5"/><circle cx="24" cy="13" r="2.8" fill="#f5f5f5"/><circle cx="16" cy="13.5" r="1.3" fill="${GLASS}"/><circle cx="24" cy="13.5" r="1.3" fill="${GLASS}"/><ellipse cx="20" cy="36" rx="9" ry="12" fill="currentColor"/>`,
  block: `<rect x="10" y="4" width="20" height="19" rx="2" fill="currentColor"/><rect x="12.5" y="9" width="15" height="8" rx="1" fill="${GLASS}"/><rect x="15" y="11.5" width="3" height="3" fill="${LIGHT}"/><rect x="22" y="11.5" width="3" height="3" fill="${LIGHT}"/><rect x="8" y="26" width="24" height="11" rx="1.5" fill="currentColor"/><rect x="11" y="37" width="18" height="10" rx="1.5" fill="currentColor"/>`,
  cone: `<polygon points="20,0 27,10 13,10" fill="currentColor"/><rect x="8" y="9" width="24" height="2" rx="1" fill="currentColor"/><circle cx="20" cy="16" r="8" fill="currentColor"/><circle cx="16.5" cy="16" r="2.3" fill="#f5f5f5"/><circle cx="23.5" cy="16" r="2.3" fill="#f5f5f5"/><circle cx="16.5" cy="16.4" r="1.1" fill="${GLASS}"/><circle cx="23.5" cy="16.4" r="1.1" fill="${GLASS}"/><polygon points="16,26 24,26 31,47 9,47" fill="currentColor"/>`,
  slim: `<rect x="19.3" y="0" width="1.4" height="6" fill="currentColor"/><circle cx="20" cy="2" r="1.8" fill="currentColor"/><rect x="13" y="5" width="14" height="20" rx="7" fill="currentColor"/><circle cx="20" cy="14" r="4" fill="${GLASS}"/><circle cx="20" cy="14" r="2.6" fill="${LIGHT}"/><rect x="15" y="27" width="10" height="21" rx="5" fill="currentColor"/>`,
};

/** An SVG (40 × 48) of `style` in `currentColor`. Static markup of our own: no user text goes in. */
export function styleIcon(style: AvatarStyleId): string {
  return `<svg viewBox="0 0 40 48" width="40" height="48" aria-hidden="true">${FACES[style]}</svg>`;
}
