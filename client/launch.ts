/**
 * What the link asks for: `?space=NAME` picks the space (normalised to a valid space name),
 * `?name=NAME` fills the name and skips the join screen, `?color=%23rrggbb` picks the colour,
 * `?style=round` the avatar style (SPEC AV1), and
 * `#passcode=…` a host passcode (in the fragment, so it never reaches server logs or referrers), and
 * `#token=…` (or `?token=…`) a signed invitation the server checks (SPEC JT6).
 */
import { AvatarColor, AvatarStyle, DisplayName, SpaceName } from '../shared/protocol/values.js';
import { check } from '../shared/protocol/validation.js';
import { DEFAULT_SPACE } from '../shared/protocol/version.js';

export interface LaunchLink {
  space: string;
  name?: string;
  color?: string;
  style?: AvatarStyle;
  passcode?: string;
  token?: string;
}

/** "Line 2 / East" → "line-2-east"; anything that stays invalid falls back to the default space. */
export function normaliseSpace(raw: string | null): string {
  if (!raw) return DEFAULT_SPACE;
  const slug = raw
    .trim()
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/^[-_]+|-+$/g, '')
    .slice(0, 48);
  return check(SpaceName, slug).ok ? slug : DEFAULT_SPACE;
}

export function readLaunchLink(search: string, hash = ''): LaunchLink {
  const q = new URLSearchParams(search);
  const link: LaunchLink = { space: normaliseSpace(q.get('space')) };
  const name = check(DisplayName, q.get('name') ?? '');
  if (name.ok) link.name = name.value;
  const color = check(AvatarColor, q.get('color') ?? '');
  if (color.ok) link.color = color.value;
  const style = check(AvatarStyle, q.get('style') ?? '');
  if (style.ok) link.style = style.value;
  const passcode = new URLSearchParams(hash.replace(/^#/, '')).get('passcode');
  if (passcode && passcode.length <= 64) link.passcode = passcode;
  const token = new URLSearchParams(hash.replace(/^#/, '')).get('token') ?? q.get('token');
  if (token && token.length <= 2048) link.token = token;
  return link;
}
