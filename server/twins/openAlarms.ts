/**
 * Alarms that were active when the server stopped come back active, with their acknowledgement
 * (SPEC AK5): an operator who acknowledged "Belt jammed" is not asked again because the server
 * restarted while the belt was still jammed. The alarm events (store) say which alarms were open — the
 * latest `raised` with no `cleared` after it — and who acknowledged them after that raising.
 *
 * Put back like the last values (lastValues.ts): only where no fresh value has decided yet. If a
 * fresh value raised the alarm again before the events were read, it is the same episode (no clear was
 * ever seen): it takes the acknowledgement. If a fresh value has cleared it, the
 * events are history, nothing more.
 */
import type { AlarmEvent } from '../store/alarmEventsTable.js';
import type { LiveTwin } from './live.js';

/** An alarm open at the last stop: how it was raised, and its acknowledgement if any. */
export interface OpenAlarm {
  raised: AlarmEvent;
  ack: AlarmEvent | null;
}

/** From each alarm's latest event of each kind (ids give their order): the alarms still open. */
export function openAlarms(latest: readonly (AlarmEvent & { id: number })[]): OpenAlarm[] {
  const by = new Map<string, Partial<Record<AlarmEvent['kind'], AlarmEvent & { id: number }>>>();
  for (const e of latest) {
    const key = `${e.twin}\u0000${e.alarm}`;
    const kinds = by.get(key) ?? {};
    kinds[e.kind] = e;
    by.set(key, kinds);
  }
  const open: OpenAlarm[] = [];
  for (const { raised, cleared, acknowledged } of by.values()) {
    if (!raised || (cleared && cleared.id > raised.id)) continue;
    open.push({ raised, ack: acknowledged && acknowledged.id > raised.id ? acknowledged : null });
  }
  return open;
}

/** Puts one open alarm back on its live twin; whether anything changed. */
export function restoreOpenAlarm(twin: LiveTwin, o: OpenAlarm): boolean {
  const { raised, ack } = o;
  const p = twin.properties.get(raised.property);
  const rule = p?.def.alarms.find((a) => a.id === raised.alarm);
  // The definition changed since (alarm or property gone): nothing to put back.
  if (!p || !rule) return false;
  const live = twin.alarms.get(rule.id);
  // A fresh value has decided, and left the alarm off: the events are history.
  if (p.accepted > 0 && !live) return false;
  if (live) {
    // Raised again by a fresh value before the events were read: the same episode, never cleared.
    if (live.ackAt !== 0 || !ack) return false;
    live.ackBy = ack.bySession;
    live.ackByName = ack.byName;
    live.ackAt = ack.at;
  } else {
    twin.alarmOn.set(rule.id, true);
    twin.alarms.set(rule.id, {
      id: rule.id,
      property: raised.property,
      severity: rule.severity,
      message: rule.message,
      since: raised.at,
      value: raised.value ?? 0,
      ackBy: ack?.bySession ?? '',
      ackByName: ack?.byName ?? '',
      ackAt: ack?.at ?? 0,
    });
  }
  twin.alarmsVersion++;
  twin.version++;
  return true;
}
