/**
 * The history API (SPEC HS4–HS6): a twin property's recorded values as buckets or raw samples, and a
 * twin's alarm events. Every refusal is a 4xx with a named error and one log line, never a stack.
 */
import express, { type Request, type Router } from 'express';
import type { Logger } from '../log.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { Store } from '../store/store.js';
import { answerError, param, Refusal, time } from './apiQuery.js';
import { bucketsFromHeaders, type Samples } from '../history/buckets.js';
import { sampleBuckets, samplesSliced } from '../history/sampleBuckets.js';
import {
  autoStep,
  bucketCount,
  formatCursor,
  formatStep,
  MAX_BUCKETS,
  MAX_SAMPLES,
  parseCursor,
  parseStep,
  type Cursor,
} from '../history/params.js';

export interface HistoryApiDeps {
  runtime: TwinRuntime;
  store: Store;
  retentionDays: number;
  log: Logger;
  /** The clock (tests). */
  now?: () => number;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
/** Most alarm events per answer. */
export const MAX_ALARM_EVENTS = 1000;

export function historyApi(d: HistoryApiDeps): Router {
  const r = express.Router();
  const clock = d.now ?? Date.now;

  const range = (req: Request, now: number, fallbackFrom: string) => {
    const from = time(req, 'from', fallbackFrom, now);
    const to = time(req, 'to', 'now', now);
    if (from > to)
      throw new Refusal(400, 'invalid_range', `"from" (${new Date(from).toISOString()}) is after "to" (${new Date(to).toISOString()})`);
    const oldest = now - d.retentionDays * DAY_MS;
    if (from < oldest)
      throw new Refusal(
        400,
        'range_past_retention',
        `history is kept ${d.retentionDays} days: "from" must be at or after ${new Date(oldest).toISOString()}`,
      );
    return { from, to };
  };

  r.get('/:id/history', (req, res) => {
    void (async () => {
      const now = clock();
      const twin = d.runtime.get(req.params.id);
      if (!twin) throw new Refusal(404, 'unknown_twin', `No twin "${req.params.id}"`);
      const name = param(req, 'property');
      if (name === undefined) throw new Refusal(400, 'missing_property', 'Name the property: ?property=<name>');
      const p = twin.properties.get(name);
      if (!p) throw new Refusal(400, 'unknown_property', `${twin.id} has no property "${name}"`);
      const boolean = p.def.type === 'boolean';
      if (!boolean && !p.def.numeric)
        throw new Refusal(400, 'property_not_recorded', `"${name}" is a ${p.def.type}: only numbers and booleans are recorded`);
      const { from, to } = range(req, now, 'now-1h');
      const stepText = param(req, 'step');
      const step = stepText === undefined ? autoStep(from, to) : parseStep(stepText);
      if (step === null)
        throw new Refusal(
          400,
          'invalid_step',
          `"step" is "raw" or a duration: 1s–30s dividing a minute, or whole minutes (1m, 15m, 1h, 1d)`,
        );
      const head = { twin: twin.id, property: name, unit: p.def.unit, type: boolean ? 'boolean' : 'number', from, to };
      if (step === 'raw') {
        const cursorText = param(req, 'cursor');
        const cursor = cursorText === undefined ? null : parseCursor(cursorText);
        if (cursorText !== undefined && (!cursor || cursor.t < from || cursor.t > to))
          throw new Refusal(400, 'invalid_cursor', '"cursor" is not one this API gave for this range');
        const page = await rawPage(d.store, twin.id, name, from, to, cursor);
        res.json({
          ...head,
          step: 'raw',
          samples: page.t.map((t, i) => ({ t, v: boolean ? page.v[i] === 1 : page.v[i] })),
          next: page.next,
        });
        return;
      }
      const count = bucketCount(from, to, step);
      const truncated = count > MAX_BUCKETS;
      const first = Math.floor(from / step) * step;
      // Buckets are whole: the last one ends at its step boundary even past "to".
      const end = (truncated ? first + MAX_BUCKETS * step : Math.floor(to / step) * step + step) - 1;
      let buckets;
      if (step % MINUTE_MS === 0) {
        buckets = bucketsFromHeaders(await d.store.historyBuckets(twin.id, name, first, end - MINUTE_MS + 1, step), boolean);
      } else {
        // Decoded in slices: an hour at 20 Hz must not hold the rooms' loop (HS8).
        buckets = await sampleBuckets(d.store, twin.id, name, first, end, step, boolean);
      }
      res.json({ ...head, step: formatStep(step), stepMs: step, buckets, truncated });
    })().catch((err: unknown) => answerError(d.log, req, res, err));
  });

  r.get('/:id/alarms', (req, res) => {
    void (async () => {
      const now = clock();
      const twin = d.runtime.get(req.params.id);
      if (!twin) throw new Refusal(404, 'unknown_twin', `No twin "${req.params.id}"`);
      const from = time(req, 'from', 'now-24h', now);
      const to = time(req, 'to', 'now', now);
      if (from > to) throw new Refusal(400, 'invalid_range', `"from" is after "to"`);
      const events = await d.store.alarmEvents(twin.id, from, to, MAX_ALARM_EVENTS + 1);
      res.json({
        twin: twin.id,
        from,
        to,
        events: events.slice(0, MAX_ALARM_EVENTS).map((e) => ({
          at: e.at,
          alarm: e.alarm,
          property: e.property,
          kind: e.kind,
          severity: e.severity,
          message: e.message,
          value: e.value,
          by: e.kind === 'acknowledged' ? { session: e.bySession, name: e.byName } : null,
        })),
        truncated: events.length > MAX_ALARM_EVENTS,
      });
    })().catch((err: unknown) => answerError(d.log, req, res, err));
  });
  return r;
}

/** One page of raw samples from `cursor` (or `from`) up to `to`, reading minute rows in growing windows. */
async function rawPage(
  store: Store,
  twin: string,
  property: string,
  from: number,
  to: number,
  cursor: Cursor | null,
): Promise<Samples & { next: string | null }> {
  const start = cursor ? cursor.t : from;
  const skip = cursor ? cursor.skip : 0;
  const want = skip + MAX_SAMPLES + 1;
  const acc: Samples = { t: [], v: [] };
  const lastMinute = Math.floor(to / MINUTE_MS) * MINUTE_MS;
  let cur = Math.floor(start / MINUTE_MS) * MINUTE_MS;
  let window = 10 * MINUTE_MS;
  while (cur <= lastMinute && acc.t.length < want) {
    const end = Math.min(cur + window - MINUTE_MS, lastMinute);
    const s = await samplesSliced(store, twin, property, Math.max(start, cur), Math.min(to, end + MINUTE_MS - 1));
    for (let i = 0; i < s.t.length; i++) {
      acc.t.push(s.t[i]!);
      acc.v.push(s.v[i]!);
    }
    cur = end + MINUTE_MS;
    window = Math.min(window * 2, DAY_MS);
  }
  // Skip the samples at the cursor's time the previous page already gave.
  let dropped = 0;
  while (dropped < skip && acc.t.length > dropped && acc.t[dropped] === start) dropped++;
  const t = acc.t.slice(dropped, dropped + MAX_SAMPLES);
  const v = acc.v.slice(dropped, dropped + MAX_SAMPLES);
  let next: string | null = null;
  if (acc.t.length > dropped + MAX_SAMPLES) {
    const last = t[t.length - 1]!;
    let k = 0;
    for (let i = t.length - 1; i >= 0 && t[i] === last; i--) k++;
    if (last === start) k += dropped;
    next = formatCursor({ t: last, skip: k });
  }
  return { t, v, next };
}
