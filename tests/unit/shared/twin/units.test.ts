/** TD unit names → the symbols the panel and labels show (SPEC TW10). */
import { describe, expect, it } from 'vitest';
import { unitSymbol } from '../../../../shared/twin/units.js';

describe('unitSymbol (SPEC TW10)', () => {
  it.each([
    ['degree Celsius', '°C'],
    ['celsius', '°C'],
    ['om:degree_Celsius', '°C'],
    ['qudt:DEG_C', '°C'],
    ['percent', '%'],
    ['metre per second', 'm/s'],
    ['Revolutions-per-minute', 'rpm'],
    ['kilowatt', 'kW'],
    // Already symbols, or unknown: shown as written (less a vocabulary prefix).
    ['rpm', 'rpm'],
    ['m³/h', 'm³/h'],
    ['%', '%'],
    ['unit:furlong', 'furlong'],
    ['  bar ', 'bar'],
    ['', ''],
    ['http://qudt.org/vocab/unit/DEG_C', 'http://qudt.org/vocab/unit/DEG_C'],
  ])('TW10: %j → %j', (unit, shown) => {
    expect(unitSymbol(unit)).toBe(shown);
  });
});
