/**
 * `GET /api/twins/:id/notes?from=&to=&limit=` (SPEC NT4): a machine's lifecycle notes, newest first,
 * `{ twin, notes: [{ id, at, kind, text, by }] }`. Times as in the history API; notes are written
 * over the room (`twin.note`), never here.
 */
import express, { type Router } from 'express';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import type { TwinRuntime } from '../twins/runtime.js';
import { answerError, limit, Refusal, timeRange } from './apiQuery.js';

export interface NotesApiDeps {
  runtime: TwinRuntime;
  store: Store;
  log: Logger;
  now?: () => number;
}

export const NOTES_DEFAULT_LIMIT = 200;
export const NOTES_MAX_LIMIT = 1000;

export function notesApi(d: NotesApiDeps): Router {
  const r = express.Router();
  const clock = d.now ?? Date.now;
  r.get('/:id/notes', (req, res) => {
    void (async () => {
      const twin = d.runtime.get(req.params.id);
      if (!twin) throw new Refusal(404, 'unknown_twin', `No twin "${req.params.id}"`);
      // A machine's notes span its life: from its first note unless asked otherwise.
      const { from, to } = timeRange(req, clock(), '0');
      const n = limit(req, NOTES_DEFAULT_LIMIT, NOTES_MAX_LIMIT);
      const notes = await d.store.notes(twin.id, from, to, n);
      res.json({ twin: twin.id, notes: notes.map((x) => ({ id: x.id, at: x.at, kind: x.kind, text: x.text, by: x.by })) });
    })().catch((err: unknown) => answerError(d.log, req, res, err));
  });
  return r;
}
