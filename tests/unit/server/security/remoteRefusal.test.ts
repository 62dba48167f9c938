/**
 * A room's refusal to open on another process comes back as its words only (Colyseus' IPC), and the
 * matchmaker answers 4213: the code is read back from the words, so a page still retries a 4430.
 */
import { ErrorCode, ServerError } from '@colyseus/core';
import { describe, expect, it } from 'vitest';
import { codeOfReason, withOwnCode } from '../../../../server/security/remoteRefusal.js';
import { CLOSE_REASONS, CloseCode } from '../../../../shared/protocol/version.js';

describe('refusals that crossed processes', () => {
  it('HD1 J6: a 4430 or 4405 that arrived as 4213 gets its own code back; anything else is left as it is', () => {
    const busy = withOwnCode(new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, CLOSE_REASONS[CloseCode.SPACE_BUSY]));
    expect(busy).toBeInstanceOf(ServerError);
    expect(busy).toMatchObject({ code: CloseCode.SPACE_BUSY, message: CLOSE_REASONS[CloseCode.SPACE_BUSY] });
    const full = `${CLOSE_REASONS[CloseCode.SPACE_FULL]} (all 2 instances)`;
    expect(withOwnCode(new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, full))).toMatchObject({ code: CloseCode.SPACE_FULL, message: full });
    const other = new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, 'ipc_timeout');
    expect(withOwnCode(other)).toBe(other);
    const coded = new ServerError(CloseCode.SPACE_LOCKED, CLOSE_REASONS[CloseCode.SPACE_BUSY]);
    expect(withOwnCode(coded)).toBe(coded);
    const plain = new Error(CLOSE_REASONS[CloseCode.SPACE_BUSY]);
    expect(withOwnCode(plain)).toBe(plain);
  });

  it('HD1: every close code is read back from its own words, and no words start another code’s', () => {
    for (const [code, words] of Object.entries(CLOSE_REASONS)) expect(codeOfReason(`${words} (detail)`)).toBe(Number(code));
    expect(codeOfReason('no such words')).toBeNull();
  });
});
