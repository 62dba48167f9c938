/** The one client time formatter (SPEC UX1). Moments are built in local time, as the formatter reads them. */
import { describe, expect, it } from 'vitest';
import { clockText } from '../../../../client/core/clock.js';

const NOW = new Date(2026, 11, 1, 20, 30).getTime();

describe('clockText', () => {
  it('UX1: today is 24-hour HH:MM, never AM/PM', () => {
    expect(clockText(new Date(2026, 11, 1, 13, 49).getTime(), { now: NOW })).toBe('13:49');
    expect(clockText(new Date(2026, 11, 1, 1, 4).getTime(), { now: NOW })).toBe('01:04');
    expect(clockText(new Date(2026, 11, 1, 0, 0, 7).getTime(), { now: NOW, seconds: true })).toBe('00:00:07');
  });

  it('UX1: another day of this year puts the day in front, another year the year too', () => {
    expect(clockText(new Date(2026, 10, 28, 13, 49).getTime(), { now: NOW })).toBe('28 Nov 13:49');
    expect(clockText(new Date(2026, 11, 2, 9, 5).getTime(), { now: NOW })).toBe('2 Dec 09:05');
    expect(clockText(new Date(2025, 11, 1, 13, 49).getTime(), { now: NOW })).toBe('1 Dec 2025 13:49');
  });
});
