/**
 * Copies a live twin's anomaly notices into a room's state at patch time (SPEC AN7), beside the
 * alarms and forecasts twinSync.ts copies.
 */
import { TwinAnomalyState, type TwinState } from '../../../shared/state/twin.js';
import type { LiveTwin } from '../live.js';

export function syncAnomalies(live: LiveTwin, state: TwinState): void {
  for (const id of [...state.anomalies.keys()]) if (!live.anomalies.has(id)) state.anomalies.delete(id);
  for (const a of live.anomalies.values()) {
    let s = state.anomalies.get(a.property);
    if (s && s.since === a.since) continue;
    if (!s) {
      s = new TwinAnomalyState();
      state.anomalies.set(a.property, s);
    }
    s.property = a.property;
    s.direction = a.direction;
    s.since = a.since;
    s.value = a.value;
    s.baseline = a.baseline;
  }
}
