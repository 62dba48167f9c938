/**
 * The one way the server compares a secret someone sent (host and operator passcodes, the ingest
 * token) with the one it holds: by SHA-256 digest in constant time, so neither the response time nor
 * the lengths say anything about the secret.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

/** True when both are given and equal; false when either is missing. */
export function secretMatches(expected: string | undefined, given: string | undefined): boolean {
  if (expected === undefined || given === undefined) return false;
  return timingSafeEqual(digest(expected), digest(given));
}

function digest(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}
