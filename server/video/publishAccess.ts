/**
 * Who may publish a camera (SPEC CP3): an operator of a space whose layout places it — by that layout's
 * operator passcode, or by a join token with the `operator` role for such a space. A server where
 * neither exists takes no publisher at all: an open space makes everyone an operator (OP1), but a
 * picture that everyone in the space trusts as the camera's must not be anyone's to replace.
 * Wrong passcodes count against the same guessing limits as joins (HD3), keyed by the camera.
 */
import { decodeJwt } from 'jose';
import type { Logger } from '../log.js';
import { secretMatches } from '../secrets.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import type { PasscodeLimiter } from '../security/passcodeLimiter.js';
import type { TokenVerifier } from '../security/joinToken.js';

export interface PublishCredential {
  passcode?: string | undefined;
  token?: string | undefined;
}

export type PublishVerdict =
  { ok: true; by: 'passcode' | 'token' } | { ok: false; status: 401 | 403 | 429; error: string; message: string };

export interface PublishAccessDeps {
  layouts: SpaceLayouts;
  tokens: TokenVerifier | null;
  passcodes: PasscodeLimiter;
  log: Logger;
}

export type PublishAccess = (camera: string, credential: PublishCredential, address: string) => Promise<PublishVerdict>;

export function publishAccess(d: PublishAccessDeps): PublishAccess {
  const places = (layoutName: string, camera: string) => d.layouts.own(layoutName)?.twins.some((t) => t.twin === camera) ?? false;
  const refuse = (camera: string, address: string, status: 401 | 403 | 429, error: string, message: string): PublishVerdict => {
    d.log.info({ camera, address, error }, 'camera publish refused');
    return { ok: false, status, error, message };
  };

  return async (camera, { passcode, token }, address) => {
    const passcodes = d.layouts
      .names()
      .filter((n) => places(n, camera))
      .map((n) => d.layouts.own(n)!.operatorPasscode)
      .filter((p): p is string => p !== undefined);
    if (passcodes.length === 0 && !d.tokens)
      return refuse(
        camera,
        address,
        403,
        'publish_disabled',
        `Nobody may publish ${camera}: give a layout that places it an operatorPasscode, or configure join tokens`,
      );
    if (passcode === undefined && token === undefined)
      return refuse(
        camera,
        address,
        401,
        'credential_required',
        "Send the space's operator passcode or a join token with the operator role",
      );
    if (token !== undefined) {
      if (!d.tokens) return refuse(camera, address, 403, 'not_operator', 'This server takes no join tokens');
      // The token names its space; that space's layout must place the camera (checked before the signature).
      let space: unknown;
      try {
        space = decodeJwt(token).space;
      } catch {
        return refuse(camera, address, 403, 'not_operator', 'The token is not a well-formed join token');
      }
      if (typeof space !== 'string' || !places(d.layouts.resolve(space).layoutName, camera))
        return refuse(camera, address, 403, 'not_operator', `The token's space does not show ${camera}`);
      const verdict = await d.tokens(token, space);
      if (!verdict.ok) return refuse(camera, address, 403, 'not_operator', `The token is not valid ${verdict.detail}`.trim());
      if (!verdict.grant.roles.includes('operator')) return refuse(camera, address, 403, 'not_operator', 'The token has no operator role');
      return { ok: true, by: 'token' };
    }
    const key = `camera:${camera}`;
    const waitMs = await d.passcodes.blockedFor(address, key);
    if (waitMs > 0)
      return refuse(camera, address, 429, 'too_many_attempts', `Too many wrong passcodes: try again in ${Math.ceil(waitMs / 1000)} s`);
    if (passcodes.some((p) => secretMatches(p, passcode))) return { ok: true, by: 'passcode' };
    await d.passcodes.failed(address, key);
    return refuse(camera, address, 403, 'not_operator', 'The passcode is not the operator passcode of a space that shows this camera');
  };
}
