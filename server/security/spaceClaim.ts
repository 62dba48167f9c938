/**
 * One space = one room (SPEC HD1). Colyseus' `create` opens a new room whatever `filterBy` says, and
 * two processes sharing Redis could each open one in a race. Every space room therefore claims its
 * space in the presence (local, or Redis across processes) before it builds anything; a second room
 * for the same space finds the claim taken and refuses to open.
 *
 * Presence has no set-if-absent, so the claim is an atomic `incr`: the room that makes it 1 holds
 * the space. The key expires unless its holder refreshes it, so a crashed process frees its spaces
 * after {@link CLAIM_TTL_SECONDS}; a room that closes deletes it at once.
 */
import type { Presence } from '@colyseus/core';

/** How long a claim outlives a holder that stopped refreshing it (a killed process), seconds. */
export const CLAIM_TTL_SECONDS = 30;

export interface SpaceClaim {
  /** Frees the space for the next room (idempotent). */
  release(): Promise<void>;
}

const keyOf = (space: string) => `twinverse:space-claim:${space}`;

/** Claims `space`; null when another room (in any process) holds it. */
export async function claimSpace(presence: Presence, space: string): Promise<SpaceClaim | null> {
  const key = keyOf(space);
  const n = await presence.incr(key);
  if (n !== 1) return null;
  await presence.expire(key, CLAIM_TTL_SECONDS);
  // A third of the lifetime: two refreshes may be lost before the claim lapses.
  const refresh = setInterval(() => void presence.expire(key, CLAIM_TTL_SECONDS), (CLAIM_TTL_SECONDS * 1000) / 3);
  refresh.unref();
  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      clearInterval(refresh);
      await presence.del(key);
    },
  };
}
