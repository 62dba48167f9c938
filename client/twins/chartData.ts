/**
 * What a machine panel's chart shows (SPEC CH1, CH2), fetched and checked: the charted property's
 * recorded buckets (`GET /api/twins/:id/history`, SPEC HS4), its alarm events (`/alarms`, HS6) and
 * the machine's notes (`/notes`; a server without that endpoint answers 404: no notes). Live values
 * are appended as they arrive. Every answer is checked before use; one that does not pass is shown
 * as "no history", never half-read.
 */
import { check, z } from '../../shared/protocol/validation.js';

/** The chart's time ranges (SPEC CH2): button label → span in ms and the history API's `from`. */
export const CHART_RANGES = [
  { id: '15m', label: '15 min', ms: 15 * 60_000 },
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '24h', label: '24 h', ms: 86_400_000 },
  { id: '7d', label: '7 d', ms: 7 * 86_400_000 },
] as const;
export type ChartRangeId = (typeof CHART_RANGES)[number]['id'];

const num = z.number();
const maybe = z.optional(z.nullable(num));
const HistoryAnswer = z.object({
  stepMs: num,
  buckets: z.array(z.object({ t: num, n: num, min: maybe, avg: maybe, max: maybe, last: maybe, fraction: maybe })),
});
const AlarmsAnswer = z.object({
  events: z.array(
    z.object({ at: num, alarm: z.string(), property: z.string(), kind: z.string(), severity: z.string(), message: z.string() }),
  ),
});
const NotesAnswer = z.object({
  notes: z.array(z.object({ id: z.string(), at: num, kind: z.string(), text: z.string(), by: z.unknown() })),
});

/** A bucket of the series: time (ms) and the band (min, max) around its average. */
export interface ChartPoint {
  t: number;
  min: number;
  avg: number;
  max: number;
}

/** A marker on the time axis: an alarm raised or cleared, or a note someone left. */
export interface ChartMarker {
  at: number;
  kind: 'raised' | 'cleared' | 'acknowledged' | 'note';
  text: string;
  severity?: string;
}

/** Buckets as points; a boolean's bucket charts the share of time it was true (HS5). */
export function pointsOf(answer: unknown): ChartPoint[] | null {
  const r = check(HistoryAnswer, answer);
  if (!r.ok) return null;
  const out: ChartPoint[] = [];
  for (const b of r.value.buckets) {
    const avg = b.avg ?? b.fraction ?? b.last;
    if (typeof avg !== 'number') continue;
    out.push({ t: b.t, avg, min: b.min ?? avg, max: b.max ?? avg });
  }
  return out;
}

/** Alarm events of one property as markers. */
export function alarmMarkersOf(answer: unknown, property: string): ChartMarker[] {
  const r = check(AlarmsAnswer, answer);
  if (!r.ok) return [];
  return r.value.events
    .filter((e) => e.property === property && (e.kind === 'raised' || e.kind === 'cleared' || e.kind === 'acknowledged'))
    .map((e) => ({ at: e.at, kind: e.kind as ChartMarker['kind'], text: e.message, severity: e.severity }));
}

export function noteMarkersOf(answer: unknown): ChartMarker[] {
  const r = check(NotesAnswer, answer);
  if (!r.ok) return [];
  return r.value.notes.map((n) => ({ at: n.at, kind: 'note', text: n.text }));
}

/** What the chart needs from the server for one property and range. */
export interface ChartHistory {
  points: ChartPoint[];
  markers: ChartMarker[];
  /** Why there is no history, in words (store down, property not recorded …), or ''. */
  problem: string;
}

/** Reads one property's history, alarm events and notes for the last `rangeMs`; never throws. */
export type ChartHistorySource = (twin: string, property: string, rangeMs: number) => Promise<ChartHistory>;

/**
 * The chart's reader for the server at `base`. A server without the notes endpoint answers 404 once;
 * it is not asked again (each 404 is a console error in the browser, and the answer will not change).
 */
export function createChartHistorySource(base: string): ChartHistorySource {
  let notesEndpoint = true;
  const get = async (u: URL): Promise<{ status: number; body: unknown }> => {
    try {
      const res = await fetch(u);
      return { status: res.status, body: await res.json().catch(() => null) };
    } catch (err) {
      return { status: 0, body: { message: (err as Error).message } };
    }
  };
  return async (twin, property, rangeMs) => {
    const from = `now-${Math.round(rangeMs / 60_000)}m`;
    const url = (path: string, q: Record<string, string>) => {
      const u = new URL(`/api/twins/${encodeURIComponent(twin)}/${path}`, base);
      for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
      return u;
    };
    const none = { status: 404, body: null };
    const [h, a, n] = await Promise.all([
      get(url('history', { property, from, to: 'now' })),
      get(url('alarms', { from, to: 'now' })),
      notesEndpoint ? get(url('notes', { from, to: 'now' })) : Promise.resolve(none),
    ]);
    // An unknown twin is a 404 with `unknown_twin`; a missing route has no such body.
    if (n.status === 404 && (n.body as { error?: unknown } | null)?.error !== 'unknown_twin') notesEndpoint = false;
    const points = h.status === 200 ? pointsOf(h.body) : null;
    const message = (h.body as { message?: unknown } | null)?.message;
    const problem =
      points !== null
        ? ''
        : h.status === 200
          ? 'the history answer could not be read'
          : typeof message === 'string'
            ? message
            : `history unavailable (${h.status})`;
    const markers = [...(a.status === 200 ? alarmMarkersOf(a.body, property) : []), ...(n.status === 200 ? noteMarkersOf(n.body) : [])];
    return { points: points ?? [], markers: markers.sort((x, y) => x.at - y.at), problem };
  };
}
