/**
 * The one ingest path every source uses (simulator, MQTT, HTTP): check a value against its TD
 * DataSchema, write it to the live twin, update the sparkline window, alarms, set-points and the
 * trend (SPEC VAL1, VAL2, VAL4, AL1, TW11). A refused value is counted and never written.
 */
import type { ActiveAlarm, LiveProperty, LiveTwin } from './live.js';
import { alarmActive } from './alarms.js';
import { updateAnomaly } from './anomaly.js';
import { updateTrend } from './forecast.js';

/** Longest text kept for string/object values in the state. */
export const MAX_TEXT = 256;

export interface IngestStats {
  accepted: number;
  refused: number;
  unknownTwin: number;
  unknownProperty: number;
  malformed: number;
}

export function newStats(): IngestStats {
  return { accepted: 0, refused: 0, unknownTwin: 0, unknownProperty: 0, malformed: 0 };
}

/** Null when `value` fits the property's schema, else one line saying why. */
export function checkValue(p: LiveProperty, value: unknown): string | null {
  if (value === undefined) return 'value missing';
  return p.def.check(value);
}

/**
 * Writes an already checked value. `ts` is the source's timestamp (ms since epoch), `mono` the
 * receiving time on the monotonic clock (ms).
 */
export function writeValue(twin: LiveTwin, p: LiveProperty, value: unknown, ts: number, mono: number): void {
  p.value = value;
  p.ts = ts;
  p.receivedAt = mono;
  p.accepted++;
  if (typeof value === 'number') p.num = value;
  else if (typeof value === 'boolean') p.num = value ? 1 : 0;
  else {
    p.num = Number.NaN;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    p.text = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
  }
  if (p.quality !== 'good') {
    p.quality = 'good';
    if (twin.quality !== 'good') {
      twin.quality = 'good';
      twin.qualityVersion++;
    }
  }
  const sampled = p.history !== null && Number.isFinite(p.num) && p.history.push(ts, p.num);
  if (p.desired !== '' && Number.isFinite(p.num) && Math.abs(p.num - p.desiredNum) <= p.desiredTolerance) p.desired = '';
  if (p.def.alarms.length > 0 && Number.isFinite(p.num)) evaluateAlarms(twin, p, ts);
  // After the alarms: an alarm that has just gone off is no longer forecast.
  if (sampled) {
    updateTrend(twin, p);
    updateAnomaly(twin, p);
  }
  p.version++;
  twin.version++;
}

function evaluateAlarms(twin: LiveTwin, p: LiveProperty, ts: number): void {
  for (const rule of p.def.alarms) {
    const was = twin.alarmOn.get(rule.id) ?? false;
    const now = alarmActive(rule, p.num, was);
    if (now === was) continue;
    twin.alarmOn.set(rule.id, now);
    if (now) {
      const alarm: ActiveAlarm = {
        id: rule.id,
        property: p.def.name,
        severity: rule.severity,
        message: rule.message,
        since: ts,
        value: p.num,
        ackBy: '',
        ackByName: '',
        ackAt: 0,
      };
      twin.alarms.set(rule.id, alarm);
      // It is here: no longer a forecast.
      if (twin.forecasts.delete(rule.id)) twin.forecastsVersion++;
    } else twin.alarms.delete(rule.id);
    twin.alarmsVersion++;
  }
}

/** Marks a refused reading: counted, the value kept, the quality `bad` until a good one arrives. */
export function markRefused(twin: LiveTwin, p: LiveProperty): void {
  p.refused++;
  if (p.quality !== 'bad') {
    p.quality = 'bad';
    p.version++;
    twin.version++;
  }
}
