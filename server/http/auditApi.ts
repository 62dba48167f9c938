/**
 * `GET /api/audit?space=&twin=&from=&to=&limit=&cursor=` (SPEC AU2, AU3): the audit log, newest
 * first, in pages of at most 500; `next` is the cursor of the following page (null on the last).
 * The log is append-only: no method here edits or deletes an entry, and any other method is
 * refused by name (AU4).
 */
import express, { type Router } from 'express';
import { SpaceName, TwinId } from '../../shared/protocol/values.js';
import { check } from '../../shared/protocol/validation.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { answerError, limit, param, Refusal, timeRange } from './apiQuery.js';

export interface AuditApiDeps {
  store: Store;
  log: Logger;
  now?: () => number;
}

export const AUDIT_DEFAULT_LIMIT = 100;
export const AUDIT_MAX_LIMIT = 500;

export function auditApi(d: AuditApiDeps): Router {
  const r = express.Router();
  const clock = d.now ?? Date.now;
  // Whatever the path under /api/audit: only reading is allowed.
  r.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    d.log.warn({ method: req.method, url: req.originalUrl }, 'audit log change refused: it is append-only');
    res.status(405).set('Allow', 'GET').json({ error: 'append_only', message: 'The audit log is append-only: it can only be read (GET).' });
  });
  r.get('/', (req, res) => {
    void (async () => {
      const space = param(req, 'space');
      if (space !== undefined && !check(SpaceName, space).ok)
        throw new Refusal(400, 'invalid_space', '"space" is a space name: 1–48 of a–z, 0–9, - and _');
      const twin = param(req, 'twin');
      if (twin !== undefined && !check(TwinId, twin).ok)
        throw new Refusal(400, 'invalid_twin', '"twin" is a twin id: 1–48 of a–z, 0–9, - and _');
      const { from, to } = timeRange(req, clock(), '0');
      const n = limit(req, AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT);
      const cursorText = param(req, 'cursor');
      const before = cursorText === undefined ? undefined : /^[1-9]\d{0,15}$/.test(cursorText) ? Number(cursorText) : NaN;
      if (Number.isNaN(before)) throw new Refusal(400, 'invalid_cursor', '"cursor" is not one this API gave ("next" of a page)');
      // One more than asked: whether a next page exists without a count.
      const rows = await d.store.audit({
        ...(space !== undefined ? { space } : {}),
        ...(twin !== undefined ? { twin } : {}),
        from,
        to,
        ...(before !== undefined ? { before } : {}),
        limit: n + 1,
      });
      const entries = rows.slice(0, n);
      res.json({ entries, next: rows.length > n ? String(entries[entries.length - 1]!.id) : null });
    })().catch((err: unknown) => answerError(d.log, req, res, err));
  });
  return r;
}
