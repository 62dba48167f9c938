import { describe, expect, it } from 'vitest';
import { commandStatusOf, COMMAND_STATUSES, QUALITIES, qualityOf, SEVERITIES, severityOf } from '../../../shared/twin/data.js';

describe("a twin's enumerations read back from the state (SPEC TW6)", () => {
  it('TW6: every known value reads as itself', () => {
    for (const q of QUALITIES) expect(qualityOf(q)).toBe(q);
    for (const s of SEVERITIES) expect(severityOf(s)).toBe(s);
    for (const c of COMMAND_STATUSES) expect(commandStatusOf(c)).toBe(c);
  });

  it('TW6: an unknown value reads as the cautious default instead of passing unchecked', () => {
    expect(qualityOf('excellent')).toBe('stale');
    expect(severityOf('')).toBe('warning');
    expect(commandStatusOf('done')).toBe('pending');
  });
});
