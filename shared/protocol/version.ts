/**
 * Protocol identity: the version a client announces when it joins, the room name, and every reason
 * the server can give for refusing or ending a session. Third-party clients read SPEC.md, which
 * mirrors this file.
 */

/**
 * Bumped on any change a deployed client cannot understand: a renamed or removed message, a changed
 * pose layout, a changed meaning of a state field. Adding an optional message or state field does not
 * bump it (old clients ignore what they do not know). See ARCHITECTURE.md, "Protocol versioning".
 */
export const PROTOCOL_VERSION = 1;

/** The Colyseus room type every space runs in; spaces are told apart by the `space` join option. */
export const ROOM_NAME = 'space';

/** Space joined when the link names none. */
export const DEFAULT_SPACE = 'factory';

/**
 * Codes the server uses when it refuses a join (as the matchmaking error code) or closes a session.
 * Colyseus reserves 4000–4010 and 4210–4216; ours start at 4400.
 */
export const CloseCode = {
  /** The client speaks an older protocol than the server. */
  CLIENT_TOO_OLD: 4401,
  /** The client speaks a newer protocol than the server. */
  SERVER_TOO_OLD: 4402,
  /** Join options failed validation (name too long, unknown colour format …). */
  BAD_JOIN_OPTIONS: 4403,
  /** The space is locked by its host. */
  SPACE_LOCKED: 4404,
  /** The space is at its participant limit. */
  SPACE_FULL: 4405,
  /** The host removed this participant. */
  KICKED: 4406,
  /** A passcode was given and it is wrong. */
  BAD_PASSCODE: 4407,
  /** Another room is opening this space at this moment (a race between processes): try again. */
  SPACE_BUSY: 4430,
  /** The session sent more refused messages than its budget allows (SPEC HD6). */
  TOO_MANY_REFUSALS: 4431,
  /** Too many wrong passcodes from this address or for this space: wait, then try again (SPEC HD3). */
  TOO_MANY_ATTEMPTS: 4432,
  /** This server admits only people with a signed join token, and none was given (SPEC JT1). */
  TOKEN_REQUIRED: 4433,
  /** The join token is malformed, badly signed, lives too long or claims something invalid (SPEC JT2). */
  TOKEN_INVALID: 4434,
  /** The join token has expired (SPEC JT2). */
  TOKEN_EXPIRED: 4435,
  /** The join token is for another space (SPEC JT2). */
  TOKEN_WRONG_SPACE: 4436,
  /** The join token was revoked before it expired: by its `jti`, or with every token of its space (SPEC JT7). */
  TOKEN_REVOKED: 4437,
  /** The list of revoked tokens cannot be read yet (the store is opening or unreachable): try again (SPEC JT8). */
  TOKEN_UNCHECKED: 4438,
  /** The space's building is still being read: try again in a moment (SPEC BM2). */
  SPACE_PREPARING: 4439,
  /** The server is stopping (SIGTERM) after saving everything: rejoin when it is back (SPEC RS5). */
  SERVER_RESTARTING: 4503,
} as const;
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/**
 * Join refusals that say "try again in a moment": a room opening right now (4430), revocations not
 * readable yet (4438), a building still being read (4439). Clients retry these with a backoff
 * (client/net/joinRetry.ts); every other 44xx is definite.
 */
export const RETRYABLE_JOIN_CODES: readonly number[] = [CloseCode.SPACE_BUSY, CloseCode.TOKEN_UNCHECKED, CloseCode.SPACE_PREPARING];

/** Words a person can read for each close code: the client shows these. */
export const CLOSE_REASONS: Record<CloseCode, string> = {
  [CloseCode.CLIENT_TOO_OLD]: 'This page is older than the server. Reload the page to get the new version.',
  [CloseCode.SERVER_TOO_OLD]: 'The server is older than this page. Ask the operator to update the server.',
  [CloseCode.BAD_JOIN_OPTIONS]: 'The join request was not valid.',
  [CloseCode.SPACE_LOCKED]: 'The host has locked this space.',
  [CloseCode.SPACE_FULL]: 'This space is full.',
  [CloseCode.KICKED]: 'The host removed you from this space.',
  [CloseCode.BAD_PASSCODE]: 'The passcode is wrong.',
  [CloseCode.SPACE_BUSY]: 'The space is being opened right now. Try again in a moment.',
  [CloseCode.TOO_MANY_REFUSALS]: 'This page sent too many messages the server had to refuse, so the server ended the session.',
  [CloseCode.TOO_MANY_ATTEMPTS]: 'Too many wrong passcodes. Wait a minute, then try again.',
  [CloseCode.TOKEN_REQUIRED]: 'This space needs an invitation link. Ask its organiser for one.',
  [CloseCode.TOKEN_INVALID]: 'The invitation in this link is not valid. Ask its organiser for a new one.',
  [CloseCode.TOKEN_EXPIRED]: 'The invitation in this link has expired. Ask its organiser for a new one.',
  [CloseCode.TOKEN_WRONG_SPACE]: 'The invitation in this link is for another space.',
  [CloseCode.TOKEN_REVOKED]: 'The invitation in this link was withdrawn. Ask its organiser for a new one.',
  [CloseCode.TOKEN_UNCHECKED]: 'The invitation cannot be checked right now. Try again in a moment.',
  [CloseCode.SPACE_PREPARING]: 'The space is still being prepared. Try again in a moment.',
  [CloseCode.SERVER_RESTARTING]: 'The server is restarting. This page rejoins by itself when it is back.',
};

/** Decides whether a client of `clientVersion` may join; returns the refusal code or null. */
export function checkProtocolVersion(clientVersion: number): CloseCode | null {
  if (clientVersion < PROTOCOL_VERSION) return CloseCode.CLIENT_TOO_OLD;
  if (clientVersion > PROTOCOL_VERSION) return CloseCode.SERVER_TOO_OLD;
  return null;
}

/** Reads a close code's words, or a generic sentence for codes outside our table. */
export function describeCloseCode(code: number): string | undefined {
  return (CLOSE_REASONS as Record<number, string | undefined>)[code];
}
