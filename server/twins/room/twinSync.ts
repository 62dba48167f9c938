/**
 * Copies what changed in the live twins into one room's state, right before each patch (SPEC TW6):
 * however often a sensor publishes, a room writes each property at most once per patch. Version
 * counters make an idle twin cost one comparison.
 */
import { TwinCommandState, TwinForecastState, type TwinPropertyState } from '../../../shared/state/twin.js';
import type { LiveProperty } from '../live.js';
import { writeAlarms } from './alarmState.js';
import { syncAnomalies } from './anomalySync.js';
import type { RoomTwin } from './roomTwins.js';

export function syncTwin(rt: RoomTwin): void {
  const { live, state, seen } = rt;
  if (live.version === seen.version) return;
  seen.version = live.version;
  for (const p of live.properties.values()) {
    if (seen.props.get(p.def.name) === p.version) continue;
    seen.props.set(p.def.name, p.version);
    const ps = state.properties.get(p.def.name);
    if (ps) writeProperty(ps, p);
  }
  rt.geo?.apply(state);
  if (seen.quality !== live.qualityVersion) {
    seen.quality = live.qualityVersion;
    if (state.quality !== live.quality) state.quality = live.quality;
  }
  if (seen.alarms !== live.alarmsVersion) {
    seen.alarms = live.alarmsVersion;
    syncAlarms(rt);
  }
  if (seen.forecasts !== live.forecastsVersion) {
    seen.forecasts = live.forecastsVersion;
    syncForecasts(rt);
  }
  if (seen.anomalies !== live.anomaliesVersion) {
    seen.anomalies = live.anomaliesVersion;
    syncAnomalies(live, state);
  }
  if (seen.commands !== live.commandsVersion) {
    seen.commands = live.commandsVersion;
    syncCommands(rt);
  }
}

function writeProperty(ps: TwinPropertyState, p: LiveProperty): void {
  // Comparisons first: an unchanged field assigned again would still be encoded.
  const num = Number.isFinite(p.num) ? p.num : 0;
  if (ps.num !== num) ps.num = num;
  if (ps.text !== p.text) ps.text = p.text;
  if (ps.ts !== p.ts) ps.ts = p.ts;
  if (ps.quality !== p.quality) ps.quality = p.quality;
  if (ps.desired !== p.desired) ps.desired = p.desired;
  if (ps.trend !== p.trend) ps.trend = p.trend;
  if (ps.anomaly !== p.anomaly) ps.anomaly = p.anomaly;
}

function syncAlarms({ live, state }: RoomTwin): void {
  writeAlarms(state.alarms, live.alarms);
}

function syncForecasts({ live, state }: RoomTwin): void {
  for (const id of [...state.forecasts.keys()]) if (!live.forecasts.has(id)) state.forecasts.delete(id);
  for (const f of live.forecasts.values()) {
    let s = state.forecasts.get(f.id);
    if (!s) {
      s = new TwinForecastState();
      s.id = f.id;
      s.property = f.property;
      s.severity = f.severity;
      s.message = f.message;
      s.limit = f.limit;
      state.forecasts.set(f.id, s);
    }
    if (s.at !== f.at) s.at = f.at;
  }
}

function syncCommands({ live, state }: RoomTwin): void {
  for (const id of [...state.commands.keys()]) if (!live.commands.has(id)) state.commands.delete(id);
  for (const c of live.commands.values()) {
    let s = state.commands.get(c.id);
    if (!s) {
      s = new TwinCommandState();
      s.id = c.id;
      s.action = c.action;
      s.input = c.inputText.length > 256 ? c.inputText.slice(0, 256) : c.inputText;
      s.by = c.by;
      s.byName = c.byName;
      s.at = c.at;
      state.commands.set(c.id, s);
    }
    if (s.status !== c.status) s.status = c.status;
    if (s.reason !== c.reason) s.reason = c.reason;
    if (s.doneAt !== c.doneAt) s.doneAt = c.doneAt;
  }
}
