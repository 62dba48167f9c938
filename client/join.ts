/**
 * What this page joins with: the space from the link, the person's name, colour and style, a passcode from
 * the join screen or the link, a join token from the link. Test builds may force another protocol version (to see the refusal).
 */
import { joinOptions, type JoinOptions } from '../shared/protocol/messages.js';
import type { AvatarStyle } from '../shared/protocol/values.js';
import type { LaunchLink } from './launch.js';
import { detectDeviceKind } from './input/deviceKind.js';

export function joinOptionsFor(
  link: LaunchLink,
  identity: { name: string; color?: string | undefined; style?: AvatarStyle | undefined; passcode?: string },
): JoinOptions {
  const passcode = identity.passcode || link.passcode;
  const options = joinOptions({
    space: link.space,
    name: identity.name,
    // No colour or style: the server picks ones unlike everyone present's (SPEC AV1, AV2).
    ...(identity.color ? { color: identity.color } : {}),
    ...(identity.style ? { style: identity.style } : {}),
    // A phone or a tablet says so, for the people list (SPEC UX10).
    mode: detectDeviceKind(),
    ...(passcode ? { passcode } : {}),
    // A signed join token from the link (JT1), when the deployment issues them.
    ...(link.token ? { token: link.token } : {}),
  });
  if (import.meta.env.MODE === 'test') {
    // Lets the e2e suite see the version-mismatch refusal in a real page.
    const override = (window as { __TWINVERSE_PROTOCOL__?: unknown }).__TWINVERSE_PROTOCOL__;
    if (typeof override === 'number') options.protocol = override;
  }
  return options;
}
