/**
 * Writes a set of alarms into a twin's state: the live ones (twinSync.ts) and the ones that stood
 * at a replayed time (replay.ts) go through the same code, so a client cannot tell them apart.
 */
import type { MapSchema } from '@colyseus/schema';
import { TwinAlarmState } from '../../../shared/state/twin.js';

/** An alarm as it is shown: what the live twin holds and what a replay folds from alarm events. */
export interface ShownAlarm {
  id: string;
  property: string;
  severity: string;
  message: string;
  /** When it was raised, ms since the Unix epoch (source time). */
  since: number;
  value: number;
  /** Session id of who acknowledged it ('' when unknown, e.g. in a replay). */
  ackBy?: string;
  ackByName: string;
  /** When it was acknowledged, ms since the Unix epoch; 0 while not. */
  ackAt: number;
}

/**
 * Makes `target` show exactly `alarms`: gone ones removed, new ones added, one raised again (another
 * `since`) replaced, an acknowledgement written onto the alarm already shown (SPEC AK1). Unchanged
 * alarms are not touched, so they cost nothing in the next patch.
 */
export function writeAlarms(target: MapSchema<TwinAlarmState>, alarms: ReadonlyMap<string, ShownAlarm>): void {
  for (const id of [...target.keys()]) if (!alarms.has(id)) target.delete(id);
  for (const a of alarms.values()) {
    let s = target.get(a.id);
    if (!s || s.since !== a.since) {
      s = new TwinAlarmState();
      s.id = a.id;
      s.property = a.property;
      s.severity = a.severity;
      s.message = a.message;
      s.since = a.since;
      s.value = a.value;
      target.set(a.id, s);
    }
    if (s.ackAt !== a.ackAt) {
      s.ackBy = a.ackBy ?? '';
      s.ackByName = a.ackByName;
      s.ackAt = a.ackAt;
    }
  }
}
