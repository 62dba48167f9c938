/** Values as the panel, plates and notices show them (SPEC PN1). */
import { describe, expect, it } from 'vitest';
import { decimalsFor, formatFixed, formatNumber, formatQuantity } from '../../../../shared/twin/format.js';

describe('number formatting (SPEC PN1)', () => {
  it.each([
    [1.6e-63, { unit: 'kW' }, '0 kW'],
    [-1e-30, { unit: 'bar' }, '0 bar'],
    [95, { unit: '°C' }, '95.0 °C'],
    [79.4, { unit: '%' }, '79 %'],
    [8000, { unit: 'rpm', minimum: 0, maximum: 12000 }, '8000 rpm'],
    [1.234, { unit: 'm/s', minimum: 0.1, maximum: 2 }, '1.23 m/s'],
    [6.512, { unit: 'bar' }, '6.51 bar'],
    [42, { type: 'integer' }, '42'],
    [3e25, { unit: 'W' }, '30000000000000000000000000 W'],
    [0.5, { unit: 'furlong', minimum: 0, maximum: 10 }, '0.50 furlong'],
    [12.5, { unit: 'furlong', minimum: 0, maximum: 1000 }, '13 furlong'],
  ])('PN1: %d with %j reads %j', (value, shape, shown) => {
    expect(formatQuantity(value, shape)).toBe(shown);
  });

  it('PN1: no shown value is ever in scientific notation, whatever its size', () => {
    for (let e = -300; e <= 300; e += 7) {
      for (const v of [10 ** e, -(10 ** e), 1.6 * 10 ** e]) {
        expect(formatNumber(v)).not.toMatch(/e/i);
        expect(formatNumber(v, { unit: 'kW' })).not.toMatch(/e/i);
      }
    }
  });

  it('PN1: without unit or range, about three significant digits; tiny values are 0', () => {
    expect([1234.5, 42.25, 3.14159, 0.0024, 0, 1e-9, Number.NaN].map((v) => formatNumber(v))).toEqual([
      '1235',
      '42.3',
      '3.14',
      '0.0024',
      '0',
      '0',
      '—',
    ]);
  });

  it('PN1: decimals follow the range when the unit does not say', () => {
    expect(decimalsFor({ minimum: 0, maximum: 16 }, 3)).toBe(2);
    expect(decimalsFor({ minimum: 0, maximum: 100 }, 3)).toBe(1);
    expect(decimalsFor({ minimum: 0, maximum: 12000 }, 3)).toBe(0);
    expect(formatFixed(-0, 2)).toBe('0');
    expect(formatFixed(-0.004, 2)).toBe('0');
    expect(formatFixed(-1.5, 1)).toBe('-1.5');
  });
});
