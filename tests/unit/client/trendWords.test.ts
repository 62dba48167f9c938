/** Trends and forecasts in words (SPEC TW11): what the panel, alarm list and machine plate say. */
import { describe, expect, it } from 'vitest';
import { formatValue, timeLeft, trendText } from '../../../client/twins/trendWords.js';

describe('trend words', () => {
  it.each([
    [0.5, '°C', '↗ rising 30.0 °C/min'],
    [-0.002, 'bar', '↘ falling 0.12 bar/min'],
    [250, 'rpm', '↗ rising 250 rpm/s'],
    [0.01, '', '↗ rising 0.60 per min'],
    [0.00004, 'bar', '↗ rising 0.0024 bar/min'],
    [0, '°C', ''],
    [Number.NaN, '°C', ''],
  ])('TW11: a slope of %d %s/s reads %j', (slope, unit, words) => {
    expect(trendText(slope, unit)).toBe(words);
  });

  it.each([
    [0, 'now'],
    [3_000, 'in ≈ 5 s'],
    [43_000, 'in ≈ 45 s'],
    [150_000, 'in ≈ 3 min'],
    [599_000, 'in ≈ 10 min'],
  ])('TW11: %d ms ahead is %j', (ms, words) => {
    expect(timeLeft(1_000_000 + ms, 1_000_000)).toBe(words);
  });

  it('formats values to about three significant digits', () => {
    expect([1234.5, 42.25, 3.14159, 0.0024, 0, Number.NaN].map(formatValue)).toEqual(['1235', '42.3', '3.14', '0.0024', '0', '—']);
  });
});
