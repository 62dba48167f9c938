/**
 * Trend and forecast per numeric property (SPEC TW11), kept up to date from the sparkline window:
 * at most once a second per property, so a sensor at 1 kHz costs what one at 1 Hz does. The maths is
 * shared/twin/trend.ts; this decides when to recompute and how much change is worth a state write.
 */
import { forecastAlarm } from '../../shared/twin/trend.js';
import { clearAnomaly } from './anomaly.js';
import type { LiveProperty, LiveTwin } from './live.js';

/** Least time between two trend computations of one property, ms (source time). */
export const TREND_EVERY_MS = 1000;
/**
 * How long a forecast must keep being predicted before anyone sees it, ms (source time): the on-delay
 * alarm management applies to alarms (ISA-18.2, EEMUA 191), here so that a machine's start-up or
 * set-point step — settled within seconds — never shows as a forecast (SPEC AN5).
 */
export const FORECAST_CONFIRM_MS = 10_000;

/** Per twin, alarm id → since when (source ms) its forecast has been predicted without a break. */
const predicted = new WeakMap<LiveTwin, Map<string, number>>();

/** Whether a property has a trend: numbers do; a boolean's sparkline steps, it does not slope. */
export function hasTrend(p: LiveProperty): boolean {
  return p.history !== null && (p.def.type === 'number' || p.def.type === 'integer');
}

/** Recomputes the property's trend and forecast if a second has passed since the last time. */
export function updateTrend(twin: LiveTwin, p: LiveProperty): void {
  if (!hasTrend(p) || p.ts - p.trendAt < TREND_EVERY_MS) return;
  p.trendAt = p.ts;
  const trend = p.history!.trend();
  // Three significant digits: a wobble in the fourth is not worth a patch.
  const slope = trend ? Number(trend.slope.toPrecision(3)) : 0;
  if (slope !== p.trend) {
    p.trend = slope;
    p.version++;
    twin.version++;
  }
  const next = trend && p.def.alarms.length > 0 ? forecastAlarm(trend, p.def.alarms, (id) => twin.alarmOn.get(id) === true) : null;
  let since = predicted.get(twin);
  if (!since) predicted.set(twin, (since = new Map()));
  let changed = false;
  for (const rule of p.def.alarms) {
    const had = twin.forecasts.get(rule.id);
    if (next?.id === rule.id && !since.has(rule.id)) since.set(rule.id, p.ts);
    if (next?.id !== rule.id || p.ts - since.get(rule.id)! < FORECAST_CONFIRM_MS) {
      if (next?.id !== rule.id) since.delete(rule.id);
      if (had) {
        twin.forecasts.delete(rule.id);
        changed = true;
      }
      continue;
    }
    // Moving the predicted time by less than 2 s or a tenth of what is left is noise, not news.
    if (had && Math.abs(had.at - next.at) < Math.max(2000, (had.at - p.ts) / 10)) continue;
    twin.forecasts.set(rule.id, {
      id: rule.id,
      property: p.def.name,
      severity: rule.severity,
      message: rule.message,
      at: next.at,
      limit: (rule.above ?? rule.below) as number,
    });
    changed = true;
  }
  if (changed) {
    twin.forecastsVersion++;
    twin.version++;
  }
}

/** Forgets the property's trend, forecasts and anomaly baseline (its data went stale: nothing to extrapolate from). */
export function clearTrend(twin: LiveTwin, p: LiveProperty): void {
  clearAnomaly(twin, p);
  p.trendAt = 0;
  if (p.trend !== 0) {
    p.trend = 0;
    p.version++;
    twin.version++;
  }
  let changed = false;
  for (const rule of p.def.alarms) {
    predicted.get(twin)?.delete(rule.id);
    if (twin.forecasts.delete(rule.id)) changed = true;
  }
  if (changed) {
    twin.forecastsVersion++;
    twin.version++;
  }
}
