/**
 * Numbers as people read them on a panel, a plate or a notice: never in scientific notation (a
 * simulated `1.6e-63 kW` is `0 kW`), with as many decimals as the unit and the property's range make
 * meaningful (`12000` rpm has none, `2.5` m/s has two). One helper for every place a value is shown,
 * so the same reading looks the same everywhere.
 */

/** Decimals that suit a unit whatever its range: temperatures to a tenth, speeds in rpm whole. */
const UNIT_DECIMALS: Readonly<Record<string, number>> = {
  '°C': 1,
  '°F': 1,
  K: 1,
  '%': 0,
  rpm: 0,
  W: 0,
  kW: 1,
  A: 1,
  V: 1,
  Hz: 1,
  bar: 2,
  'mm/s': 2,
  'm/s': 2,
  'm³/h': 1,
};

/** What a value's shape says about how to show it (all optional; from the TD's DataSchema). */
export interface NumberShape {
  /** The unit's symbol as shown (`unitSymbol`), e.g. `°C`. */
  unit?: string;
  /** JSON Schema type: an `integer` never shows decimals. */
  type?: string;
  minimum?: number;
  maximum?: number;
}

/** Most decimals ever shown: a value smaller than this shows as 0. */
const MAX_DECIMALS = 6;

/**
 * Decimals to show for a value of this shape: none for integers; the unit's own (table above); else
 * enough to tell apart 1/200 of the range; else about three significant digits of `value`.
 */
export function decimalsFor(shape: NumberShape, value: number): number {
  if (shape.type === 'integer') return 0;
  const byUnit = shape.unit !== undefined ? UNIT_DECIMALS[shape.unit] : undefined;
  if (byUnit !== undefined) return byUnit;
  const { minimum: lo, maximum: hi } = shape;
  if (typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(hi - lo) && hi > lo)
    return clamp(Math.ceil(-Math.log10((hi - lo) / 200)), 0, MAX_DECIMALS);
  const a = Math.abs(value);
  if (a >= 100 || a === 0) return 0;
  if (a >= 10) return 1;
  if (a >= 1) return 2;
  // Two significant digits below 1: 0.0024, not 0.00.
  return clamp(Math.ceil(-Math.log10(a)) + 1, 2, MAX_DECIMALS);
}

/** `value` in plain decimal notation with `decimals` places; `-0` and values that round to zero read `0`. */
export function formatFixed(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return '—';
  const d = clamp(Math.round(decimals), 0, MAX_DECIMALS);
  // Intl never switches to exponent notation (toFixed does from 1e21, toPrecision much earlier).
  const s = new Intl.NumberFormat('en-US', { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: false }).format(value);
  return /^-?0(\.0*)?$/.test(s) ? '0' : s;
}

/** A value as shown: `formatNumber(1.6e-63, { unit: 'kW' })` → `0`; `formatNumber(95, { unit: '°C' })` → `95.0`. */
export function formatNumber(value: number, shape: NumberShape = {}): string {
  return formatFixed(value, decimalsFor(shape, value));
}

/** A value and its unit: `79 %`, `95.0 °C`, `3` (no unit). */
export function formatQuantity(value: number, shape: NumberShape = {}): string {
  const n = formatNumber(value, shape);
  return shape.unit ? `${n} ${shape.unit}` : n;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}
