/**
 * Signed join tokens (SPEC JT1–JT5, JT7): with `JOIN_SECRET` (HS256) and/or `JOIN_PUBLIC_KEY` (EdDSA) set,
 * whoever runs the site signs a short-lived token per person; the server only verifies. The token —
 * not the join form — says who joins (display name), where (space) and with which roles (host,
 * operator), so a role needs no shared passcode and a name is no longer free for the taking.
 */
import { errors, importSPKI, jwtVerify, type JWTPayload } from 'jose';
import { DisplayName } from '../../shared/protocol/values.js';
import type { JoinOptions } from '../../shared/protocol/messages.js';
import { check } from '../../shared/protocol/validation.js';
import { CloseCode } from '../../shared/protocol/version.js';

export const ROLES = ['host', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** Which token admitted someone: what a later revocation is matched against (SPEC JT9). */
export interface TokenTicket {
  jti: string | undefined;
  /** Issued at, seconds since the Unix epoch. */
  iat: number | undefined;
}

/** What the join guard hands the room: the checked options, the roles a token granted, and that token. */
export type Admission = JoinOptions & { roles?: readonly Role[]; ticket?: TokenTicket };

export interface JoinTokenConfig {
  /** HS256 shared secret (≥ 32 characters). */
  secret: string | undefined;
  /** EdDSA (Ed25519) public key, SPKI PEM. */
  publicKey: string | undefined;
  /** Longest life a token may have left when it is used, seconds (`exp` − now). */
  maxSeconds: number;
}

/** Clocks of the signer and this server may differ by this much, seconds. */
export const CLOCK_SKEW_SECONDS = 30;

export interface TokenGrant {
  name: string;
  roles: readonly Role[];
  ticket: TokenTicket;
}

export type TokenCheck = { ok: true; grant: TokenGrant } | { ok: false; code: CloseCode; detail: string };

export type TokenVerifier = (token: string, space: string) => Promise<TokenCheck>;

/** Whether a valid token was revoked before it expired (revocations.ts, SPEC JT7). */
export type RevocationCheck = (t: {
  jti: string | undefined;
  space: string;
  iat: number | undefined;
}) => Promise<{ revoked: false } | { revoked: true; detail: string } | { unchecked: true }>;

/**
 * Null when tokens are not configured (passcodes only). `now` is injectable for tests about time;
 * `revoked`, when given, is asked about every token that is otherwise valid.
 */
export async function createTokenVerifier(
  config: JoinTokenConfig,
  now: () => Date = () => new Date(),
  revoked?: RevocationCheck,
): Promise<TokenVerifier | null> {
  const keys = new Map<string, Uint8Array | Awaited<ReturnType<typeof importSPKI>>>();
  if (config.secret) keys.set('HS256', new TextEncoder().encode(config.secret));
  if (config.publicKey) keys.set('EdDSA', await importSPKI(config.publicKey, 'EdDSA'));
  if (keys.size === 0) return null;
  const algorithms = [...keys.keys()];
  const invalid = (detail: string): TokenCheck => ({ ok: false, code: CloseCode.TOKEN_INVALID, detail });

  return async (token, space) => {
    let claims: JWTPayload;
    try {
      ({ payload: claims } = await jwtVerify(token, (header) => keys.get(header.alg)!, {
        algorithms,
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp'],
        currentDate: now(),
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) return { ok: false, code: CloseCode.TOKEN_EXPIRED, detail: '' };
      if (err instanceof errors.JWTClaimValidationFailed) return invalid(`(${err.claim}: ${err.reason})`);
      if (err instanceof errors.JOSEAlgNotAllowed) return invalid('(algorithm not accepted)');
      if (err instanceof errors.JWSSignatureVerificationFailed) return invalid('(signature does not match)');
      return invalid('(not a well-formed token)');
    }
    // A long-lived token is a password in a link: refuse any with more than maxSeconds left.
    const left = (claims.exp ?? 0) - now().getTime() / 1000;
    if (left > config.maxSeconds + CLOCK_SKEW_SECONDS) return invalid(`(exp: more than ${config.maxSeconds} s ahead)`);
    if (typeof claims.space !== 'string') return invalid('(space: missing)');
    if (claims.space !== space) return { ok: false, code: CloseCode.TOKEN_WRONG_SPACE, detail: '' };
    const name = check(DisplayName, claims.name);
    if (!name.ok) return invalid(`(name: ${name.problems})`);
    const roles = claims.roles ?? [];
    if (!Array.isArray(roles) || roles.some((r) => !(ROLES as readonly unknown[]).includes(r)))
      return invalid(`(roles: a list of ${ROLES.join(', ')})`);
    const ticket: TokenTicket = {
      jti: typeof claims.jti === 'string' ? claims.jti : undefined,
      iat: typeof claims.iat === 'number' ? claims.iat : undefined,
    };
    if (revoked) {
      const verdict = await revoked({ ...ticket, space });
      if ('unchecked' in verdict) return { ok: false, code: CloseCode.TOKEN_UNCHECKED, detail: '(the revocation list cannot be read yet)' };
      if (verdict.revoked) return { ok: false, code: CloseCode.TOKEN_REVOKED, detail: verdict.detail };
    }
    return { ok: true, grant: { name: name.value, roles: [...new Set(roles as Role[])], ticket } };
  };
}
