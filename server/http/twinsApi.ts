/**
 * The twins' HTTP API (SPEC H3–H8): what the server loaded and each twin's current values, its
 * Thing Description as loaded (as WoT discovery serves TDs), its recorded commands, and the HTTP
 * ingest path `POST /api/twins/:id/properties` behind a bearer token with size and rate limits.
 */
import path from 'node:path';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { Logger } from '../log.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { LiveTwin } from '../twins/live.js';
import { hasTrend } from '../twins/forecast.js';
import { hasAnomalyScore } from '../twins/anomaly.js';
import { TokenBucket } from '../security/rateLimit.js';
import { secretMatches } from '../secrets.js';
import { readBatch } from '../twins/ingestBatch.js';
import { publicTd } from '../video/publicTd.js';

/** Largest ingest body, bytes. */
export const INGEST_MAX_BYTES = 16 * 1024;

export interface TwinsApiDeps {
  runtime: TwinRuntime;
  /** Spaces whose layouts place a twin. */
  spacesOf(id: string): string[];
  ingestToken: string | undefined;
  /** Requests per second per client address. */
  ingestRate: number;
  /** Passes an accepted batch on to the other processes (several processes, REDIS_URL); else none. */
  shareIngest?: (twin: string, values: Record<string, unknown>, ts: number | undefined) => void;
  log: Logger;
}

const fail = (res: Response, status: number, error: string, message: string, extra: Record<string, unknown> = {}) =>
  res.status(status).json({ error, message, ...extra });

export function twinsApi(d: TwinsApiDeps): Router {
  const r = express.Router();
  const summary = (t: LiveTwin) => ({
    id: t.id,
    title: t.def.title,
    description: t.def.description,
    thingId: t.def.thingId ?? null,
    file: publicFile(t.def.file),
    spaces: d.spacesOf(t.id),
    source: t.source,
    quality: t.quality,
    problems: t.notes,
    /** From the TD's `tv:twin.commissioned`, as written (SPEC NT5); null when it gives none. */
    commissioned: t.def.ext.commissioned ?? null,
    /** This process runs the machine (always, alone; with several processes, the owner only — SPEC S4). */
    runsHere: d.runtime.owns(t.id),
  });

  r.get('/', (_req, res) => {
    res.json({
      twins: [...d.runtime.all()].map(summary),
      failed: d.runtime.failures.map((f) => ({
        file: publicFile(f.file),
        problems: f.problems.map((p) => ({ ...p, file: publicFile(p.file), message: withoutDirs(p.message) })),
      })),
      ingest: d.runtime.stats,
      mqtt: d.runtime.mqttConnected === null ? null : { connected: d.runtime.mqttConnected, backoffMs: d.runtime.mqttBackoffMs },
      store: d.runtime.storeKind,
    });
  });

  r.get('/:id', (req, res) => {
    const t = d.runtime.get(req.params.id);
    if (!t) return fail(res, 404, 'unknown_twin', `No twin "${req.params.id}"`);
    const properties: Record<string, unknown> = {};
    for (const p of t.properties.values())
      properties[p.def.name] = {
        value: p.value ?? null,
        unit: p.def.unit,
        ts: p.ts || null,
        quality: p.quality,
        desired: p.desired === '' ? null : (JSON.parse(p.desired) as unknown),
        trend: hasTrend(p) ? p.trend : null,
        anomaly: hasAnomalyScore(p) ? p.anomaly : null,
        accepted: p.accepted,
        refused: p.refused,
        history: p.history?.snapshot() ?? null,
      };
    res.json({
      ...summary(t),
      properties,
      alarms: [...t.alarms.values()],
      forecasts: [...t.forecasts.values()],
      anomalies: [...t.anomalies.values()],
      commands: [...t.commands.values()].map(({ inputText: _i, ...c }) => c),
    });
  });

  r.get('/:id/td', (req, res) => {
    const t = d.runtime.get(req.params.id);
    if (!t) return fail(res, 404, 'unknown_twin', `No twin "${req.params.id}"`);
    // A camera's source URL stays here (SPEC VT3): it carries the camera's credentials.
    res.type('application/td+json').send(JSON.stringify(publicTd(t.def.td as unknown as Record<string, unknown>)));
  });

  r.get('/:id/commands', async (req, res, next) => {
    const t = d.runtime.get(req.params.id);
    if (!t) return fail(res, 404, 'unknown_twin', `No twin "${req.params.id}"`);
    try {
      res.json({ commands: await d.runtime.commands.recentFromStore(t.id, 50) });
    } catch (err) {
      next(err);
    }
  });

  r.post(
    '/:id/properties',
    rateLimit(d.ingestRate),
    authorise(d.ingestToken),
    express.json({ limit: INGEST_MAX_BYTES, strict: false }),
    (req, res) => {
      const id = String(req.params.id);
      const t = d.runtime.get(id);
      if (!t) return fail(res, 404, 'unknown_twin', `No twin "${id}"`);
      const read = readBatch(req.body as unknown, (name) => t.properties.has(name));
      if (!read.ok) return fail(res, 400, 'invalid_body', `The body is not a batch: ${read.problem}`);
      const { values, ts } = read.batch;
      const entries = Object.entries(values);
      if (entries.length === 0) return fail(res, 400, 'invalid_body', 'No property values in the body');
      // All or nothing: a batch with one bad value writes none, and each bad value is counted.
      const problems = entries.flatMap(([k, v]) => {
        const refusal = d.runtime.check(id, k, v);
        return refusal ? [{ property: k, problem: refusal.code, message: refusal.message }] : [];
      });
      if (problems.length > 0) {
        for (const p of problems) d.runtime.ingest(id, p.property, values[p.property], ts);
        return fail(res, 400, 'invalid_values', problems.map((p) => p.message).join('; '), { problems });
      }
      for (const [k, v] of entries) d.runtime.ingest(id, k, v, ts);
      d.shareIngest?.(id, values, ts);
      res.json({ accepted: entries.length });
    },
  );

  // Body parser errors (too large, not JSON) as JSON naming the problem.
  r.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, next: NextFunction) => {
    if (err.type === 'entity.too.large') return fail(res, 413, 'too_large', `The body is larger than ${INGEST_MAX_BYTES} bytes`);
    if (err.type === 'entity.parse.failed') return fail(res, 400, 'invalid_json', `The body is not valid JSON: ${err.message}`);
    // A 4xx from the body parser (wrong charset, aborted body) is the client's: one line, no stack.
    if (err.status !== undefined && err.status < 500)
      d.log.warn({ url: req.originalUrl, status: err.status, type: err.type }, 'twins API request refused');
    else d.log.error({ err, url: req.originalUrl }, 'twins API failed');
    next(err);
  });
  return r;
}

/** A definition file as the public sees it: its name only, never where the server keeps it (SPEC HD5). */
function publicFile(file: string): string {
  return path.basename(file);
}

/** Absolute paths in a message cut to their last part. */
function withoutDirs(message: string): string {
  return message.replace(/(^|[\s'"(])(?:[A-Za-z]:)?(?:[\\/][^\s'"\\/]+)+[\\/]([^\s'"\\/]+)/g, '$1$2');
}

export function authorise(token: string | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!token) return fail(res, 403, 'ingest_disabled', 'HTTP ingest is off on this server: set INGEST_TOKEN to enable it');
    const header = req.get('authorization') ?? '';
    const m = /^Bearer (.+)$/i.exec(header);
    if (!secretMatches(token, m?.[1])) {
      res.set('WWW-Authenticate', 'Bearer realm="twinverse-ingest"');
      return fail(res, 401, 'unauthorized', m ? 'The ingest token is wrong' : 'Send the ingest token as "Authorization: Bearer <token>"');
    }
    next();
  };
}

export function rateLimit(perSecond: number) {
  const buckets = new Map<string, TokenBucket>();
  return (req: Request, res: Response, next: NextFunction) => {
    const key = req.ip ?? 'unknown';
    const now = performance.now() / 1000;
    let b = buckets.get(key);
    if (!b) {
      if (buckets.size > 10_000) buckets.clear();
      b = new TokenBucket(perSecond, perSecond * 2, now);
      buckets.set(key, b);
    }
    if (!b.take(now)) {
      res.set('Retry-After', '1');
      return fail(res, 429, 'rate_limited', `More than ${perSecond} ingest requests per second from this address`);
    }
    next();
  };
}
