/**
 * Reads the recorded past for a replay (SPEC RP2, RP4), one chunk of CHUNK_MS at a time, through the
 * same store functions the history API uses: each recorded property's samples (with HOLD_MS before
 * the chunk, so its first moments know the value then) and each machine's alarm events up to the
 * chunk's end. Chunks are cached by start; the replay asks for the next one ahead of the play head.
 */
import { samplesOf, type Samples } from '../../history/buckets.js';
import type { AlarmEvent } from '../../store/alarmEventsTable.js';
import type { Store } from '../../store/store.js';
import type { LiveTwin } from '../live.js';

/** Length of one chunk of replayed time, ms. */
export const CHUNK_MS = 60_000;
/** A recorded value shows for at most this long after its sample; later the machine shows "no data". */
export const HOLD_MS = 60_000;
/** How far before a chunk alarm events are read to know which alarms stood (one day). */
export const ALARM_LOOKBACK_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Most alarm events read per machine and chunk. */
const MAX_ALARM_EVENTS = 10_000;

/** The store functions a replay reads: the history API's own. */
export type ReplaySource = Pick<Store, 'historyRows' | 'alarmEvents'>;

export interface Chunk {
  start: number;
  /** twin → property → samples from start − HOLD_MS to the chunk's end, in time order. */
  samples: Map<string, Map<string, Samples>>;
  /** twin → alarm events from start − ALARM_LOOKBACK_MS to the chunk's end, in time order. */
  alarms: Map<string, AlarmEvent[]>;
}

export function chunkStart(at: number): number {
  return Math.floor(at / CHUNK_MS) * CHUNK_MS;
}

/** Whether a property is recorded (history keeps numbers and booleans only). */
export function recorded(def: { numeric: boolean; type: string }): boolean {
  return def.numeric || def.type === 'boolean';
}

export async function readChunk(source: ReplaySource, twins: Iterable<LiveTwin>, start: number): Promise<Chunk> {
  const end = start + CHUNK_MS - 1;
  const from = start - HOLD_MS;
  const chunk: Chunk = { start, samples: new Map(), alarms: new Map() };
  for (const live of twins) {
    const byProperty = new Map<string, Samples>();
    for (const p of live.properties.values()) {
      if (!recorded(p.def)) continue;
      const rows = await source.historyRows(live.id, p.def.name, Math.floor(from / MINUTE_MS) * MINUTE_MS, chunkStart(end), true, 100_000);
      byProperty.set(p.def.name, samplesOf(rows, from, end));
    }
    chunk.samples.set(live.id, byProperty);
    chunk.alarms.set(live.id, await source.alarmEvents(live.id, start - ALARM_LOOKBACK_MS, end, MAX_ALARM_EVENTS));
  }
  return chunk;
}

/** The last sample at or before `at` and not older than HOLD_MS, or null: "no data" then. */
export function valueAt(s: Samples | undefined, at: number): { t: number; v: number } | null {
  if (!s || s.t.length === 0) return null;
  // Binary search for the last index with t ≤ at.
  let lo = 0;
  let hi = s.t.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (s.t[mid]! <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (found < 0 || at - s.t[found]! > HOLD_MS) return null;
  return { t: s.t[found]!, v: s.v[found]! };
}

/** An alarm as it stood at a replayed time. */
export interface StoodAlarm {
  id: string;
  property: string;
  severity: string;
  message: string;
  since: number;
  value: number;
  ackByName: string;
  ackAt: number;
}

/** Folds alarm events (time order) up to `at`: the alarms that stood then, with their acknowledgement. */
export function alarmsAt(events: readonly AlarmEvent[] | undefined, at: number): Map<string, StoodAlarm> {
  const out = new Map<string, StoodAlarm>();
  for (const e of events ?? []) {
    if (e.at > at) break;
    if (e.kind === 'raised')
      out.set(e.alarm, {
        id: e.alarm,
        property: e.property,
        severity: e.severity,
        message: e.message,
        since: e.at,
        value: e.value ?? 0,
        ackByName: '',
        ackAt: 0,
      });
    else if (e.kind === 'cleared') out.delete(e.alarm);
    else {
      const a = out.get(e.alarm);
      if (a) {
        a.ackByName = e.byName;
        a.ackAt = e.at;
      }
    }
  }
  return out;
}
