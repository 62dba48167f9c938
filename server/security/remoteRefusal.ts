/**
 * A room that refuses to open on another process (its `onCreate` throws a ServerError: 4430 when two
 * rooms open one space instance at once, HD1; 4405 for an instance the layout does not allow, J6)
 * reaches the process that asked only as its message: Colyseus 0.16's IPC answers a failed async call
 * with `e.message`, and the asking process's matchmaker then answers 4213 (MATCHMAKE_UNHANDLED). A page
 * told 4213 does not know to try again. Our refusals start with our words for their code
 * (CLOSE_REASONS), so the code is read back from the words.
 */
import { ErrorCode, ServerError } from '@colyseus/core';
import { CLOSE_REASONS } from '../../shared/protocol/version.js';

/** The close code whose words `message` starts with (the longest such words), or null. */
export function codeOfReason(message: string): number | null {
  let found: { code: number; length: number } | null = null;
  for (const [code, words] of Object.entries(CLOSE_REASONS))
    if (message.startsWith(words) && words.length > (found?.length ?? 0)) found = { code: Number(code), length: words.length };
  return found?.code ?? null;
}

/** `err` with the code its words name when it lost that code crossing processes; otherwise `err` itself. */
export function withOwnCode(err: unknown): unknown {
  if (!(err instanceof ServerError) || err.code !== ErrorCode.MATCHMAKE_UNHANDLED) return err;
  const code = codeOfReason(err.message);
  return code === null ? err : new ServerError(code, err.message);
}
