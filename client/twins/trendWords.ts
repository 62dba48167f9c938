/**
 * Trends and forecasts in words (SPEC TW11), the same on the panel, the alarm list and in VR:
 * "↗ rising 30 °C/min", "in ≈ 2 min".
 */
import { formatNumber } from '../../shared/twin/format.js';

/** A number with about three significant digits, never in scientific notation (SPEC PN1). */
export function formatValue(n: number): string {
  return formatNumber(n);
}

/** "↗ rising 30.0 °C/min" for a slope in units per second; '' when level. Fast changes per second. */
export function trendText(slopePerS: number, unit: string): string {
  if (slopePerS === 0 || !Number.isFinite(slopePerS)) return '';
  const perSecond = Math.abs(slopePerS) >= 1;
  const rate = formatValue(Math.abs(perSecond ? slopePerS : slopePerS * 60));
  const per = perSecond ? 's' : 'min';
  return `${slopePerS > 0 ? '↗ rising' : '↘ falling'} ${rate} ${unit ? `${unit}/${per}` : `per ${per}`}`;
}

/** "in ≈ 45 s", "in ≈ 3 min", "now" for the time from `now` to `at` (both ms). */
export function timeLeft(at: number, now: number): string {
  const s = (at - now) / 1000;
  if (s <= 1) return 'now';
  if (s < 60) return `in ≈ ${Math.max(5, Math.round(s / 5) * 5)} s`;
  return `in ≈ ${Math.round(s / 60)} min`;
}
