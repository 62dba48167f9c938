/**
 * What a room needs of the join-token revocations (SPEC JT9); `server/security/revocations.ts` is the
 * implementation, handed in by the composition root.
 */
export interface RevokedTokens {
  /** Calls `fn` whenever revocations may have changed; returns the unsubscribe. */
  onChange(fn: () => void): () => void;
  /** Why the token is revoked by what is known now, or null. */
  revokedNow(t: { jti: string | undefined; space: string; iat: number | undefined }): string | null;
}
