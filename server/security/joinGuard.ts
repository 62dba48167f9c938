/**
 * The space room's static `onAuth`: what every join request must pass before matchmaking picks or
 * opens a room, whichever matchmaking call it came through (SPEC J1–J2, HD2, HD3). It checks the
 * protocol version and the join options and, when a passcode is given, that it is one of the space's
 * passcodes — under the per-address and per-space guessing limits. With join tokens configured, a
 * valid token for the space is required and decides the name and roles (JT1–JT5). Each refusal is one
 * log line.
 */
import { ServerError, type AuthContext } from '@colyseus/core';
import { CLOSE_REASONS, CloseCode, checkProtocolVersion } from '../../shared/protocol/version.js';
import { JoinOptions } from '../../shared/protocol/messages.js';
import { check } from '../../shared/protocol/validation.js';
import type { Logger } from '../log.js';
import { hostPasscodeOf, type MeetingConfig } from '../meeting/config.js';
import { secretMatches } from '../secrets.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import type { PasscodeLimiter } from './passcodeLimiter.js';
import type { Admission, TokenVerifier } from './joinToken.js';

export interface JoinGuardDeps {
  meetings: MeetingConfig;
  layouts: SpaceLayouts;
  passcodes: PasscodeLimiter;
  /** Null: no join tokens (passcodes only). */
  tokens: TokenVerifier | null;
  log: Logger;
}

export type JoinGuard = (token: string | undefined, options: unknown, context: AuthContext) => Promise<Admission>;

/** The address a request came from: the socket's, never a header a client can write. */
export function addressOf(context: Pick<AuthContext, 'req' | 'ip'>): string {
  const fromSocket = context.req?.socket?.remoteAddress;
  if (fromSocket) return fromSocket;
  return Array.isArray(context.ip) ? (context.ip[0] ?? 'unknown') : context.ip || 'unknown';
}

/** The protocol field alone: anything but an integer is malformed options (4403), not a version. */
export function protocolRefusal(options: unknown): { code: CloseCode; detail: string } | null {
  const protocol = typeof options === 'object' && options !== null ? (options as { protocol?: unknown }).protocol : undefined;
  if (typeof protocol !== 'number' || !Number.isSafeInteger(protocol))
    return { code: CloseCode.BAD_JOIN_OPTIONS, detail: 'protocol: an integer protocol version is required' };
  const mismatch = checkProtocolVersion(protocol);
  return mismatch === null ? null : { code: mismatch, detail: '' };
}

export function createJoinGuard(deps: JoinGuardDeps): JoinGuard {
  const refuse = (code: CloseCode, detail: string, fields: Record<string, unknown>): never => {
    deps.log.info({ code, detail: detail || undefined, ...fields }, 'join refused');
    throw new ServerError(code, detail ? `${CLOSE_REASONS[code]} ${detail}` : CLOSE_REASONS[code]);
  };
  return async (_token, options, context) => {
    const address = addressOf(context);
    const version = protocolRefusal(options);
    if (version) refuse(version.code, version.detail, { address });
    const result = check(JoinOptions, options);
    if (!result.ok) return refuse(CloseCode.BAD_JOIN_OPTIONS, result.problems, { address });
    const { token, ...joined } = result.value;
    const admitted: Admission = token === undefined && !deps.tokens ? joined : await checkToken(joined, token, address);
    if (joined.passcode !== undefined) await checkPasscode(joined.space, joined.passcode, address);
    return admitted;
  };

  /** The token names the person and their roles; the form's name gives way to it (JT3). */
  async function checkToken(joined: JoinOptions, token: string | undefined, address: string): Promise<Admission> {
    const space = joined.space;
    if (!deps.tokens) return refuse(CloseCode.TOKEN_INVALID, '(this server does not take join tokens)', { address, space });
    if (token === undefined) return refuse(CloseCode.TOKEN_REQUIRED, '', { address, space });
    const verdict = await deps.tokens(token, space);
    if (!verdict.ok) return refuse(verdict.code, verdict.detail, { address, space });
    return { ...joined, name: verdict.grant.name, roles: verdict.grant.roles, ticket: verdict.grant.ticket };
  }

  /** A passcode that matches none of the space's passcodes is refused, so a typo is not ignored. */
  async function checkPasscode(space: string, passcode: string, address: string): Promise<void> {
    const host = hostPasscodeOf(deps.meetings, space);
    const operator = deps.layouts.resolve(space).layout.operatorPasscode;
    if (host === undefined && operator === undefined) return;
    const waitMs = await deps.passcodes.blockedFor(address, space);
    if (waitMs > 0) refuse(CloseCode.TOO_MANY_ATTEMPTS, `(try again in ${Math.ceil(waitMs / 1000)} s)`, { address, space });
    if (secretMatches(host, passcode) || secretMatches(operator, passcode)) return;
    await deps.passcodes.failed(address, space);
    refuse(CloseCode.BAD_PASSCODE, '', { address, space });
  }
}
