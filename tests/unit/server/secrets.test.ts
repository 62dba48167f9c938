import { describe, expect, it } from 'vitest';
import { secretMatches } from '../../../server/secrets.js';

describe('secret comparison (SPEC R1, H6)', () => {
  it('R1 H6: a passcode or token matches only when both are given and equal', () => {
    expect(secretMatches('open-sesame', 'open-sesame')).toBe(true);
    expect(secretMatches('open-sesame', 'open-sesamE')).toBe(false);
    expect(secretMatches('open-sesame', 'open-sesame ')).toBe(false);
    // Lengths differ: compared by digest, so this is a plain "no", not a length error.
    expect(secretMatches('short', 'a much longer guess than the secret')).toBe(false);
    expect(secretMatches(undefined, 'x')).toBe(false);
    expect(secretMatches('x', undefined)).toBe(false);
    expect(secretMatches(undefined, undefined)).toBe(false);
  });
});
