/**
 * What the read APIs over the store share (history, alarms, notes, audit): a named refusal, query
 * parameters read strictly (one value, text), times in the history API's forms (server/history/params.ts),
 * and one way to answer an error — a 4xx with a named error and one log line, never a stack; 503
 * `store_unavailable` while the store is away.
 */
import type { Request, Response } from 'express';
import type { Logger } from '../log.js';
import { StoreUnavailable } from '../store/storeQueue.js';
import { parseTime } from '../history/params.js';

export class Refusal extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

/** A query parameter given once as text, or undefined. */
export function param(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw new Refusal(400, 'invalid_parameter', `"${name}" is given more than once or is not text`);
  return v;
}

/** A time parameter (epoch ms, ISO 8601, `now`, `now-15m`) as ms epoch; `fallback` when absent. */
export function time(req: Request, name: string, fallback: string, now: number): number {
  const s = param(req, name) ?? fallback;
  const t = parseTime(s, now);
  if (t === null)
    throw new Refusal(400, 'invalid_time', `"${name}" is not a time: use epoch ms, ISO 8601, "now" or "now-15m" (s, m, h, d, w)`);
  return t;
}

/** `from` and `to` with their fallbacks; `from` after `to` is refused. */
export function timeRange(req: Request, now: number, fallbackFrom: string): { from: number; to: number } {
  const from = time(req, 'from', fallbackFrom, now);
  const to = time(req, 'to', 'now', now);
  if (from > to)
    throw new Refusal(400, 'invalid_range', `"from" (${new Date(from).toISOString()}) is after "to" (${new Date(to).toISOString()})`);
  return { from, to };
}

/** `limit`: a whole number from 1 to `max`, `fallback` when absent. */
export function limit(req: Request, fallback: number, max: number): number {
  const s = param(req, 'limit');
  if (s === undefined) return fallback;
  const n = /^\d{1,6}$/.test(s) ? Number(s) : NaN;
  if (!(n >= 1 && n <= max)) throw new Refusal(400, 'invalid_limit', `"limit" is a whole number from 1 to ${max}`);
  return n;
}

export function answerError(log: Logger, req: Request, res: Response, err: unknown): void {
  if (err instanceof Refusal) {
    log.warn({ url: req.originalUrl, status: err.status, error: err.error }, `API request refused: ${err.message}`);
    res.status(err.status).json({ error: err.error, message: err.message });
  } else if (err instanceof StoreUnavailable) {
    log.warn({ url: req.originalUrl, problem: err.message }, 'API request: store unavailable');
    res.status(503).set('Retry-After', '5').json({ error: err.code, message: err.message });
  } else {
    log.error({ url: req.originalUrl, problem: (err as Error)?.message ?? String(err) }, 'API request failed');
    res.status(500).json({ error: 'error', message: 'Internal error' });
  }
}
