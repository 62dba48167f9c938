/**
 * `GET /api/spaces/:space` (SPEC SP1): a space's public title, for the join and loading screens before
 * anyone has joined — the same title the room gives its HUD (server/spaces/layouts.ts `spaceTitle`).
 * Public like the page itself: the title is on every invitation anyway, and nothing else is told.
 */
import express, { type Router } from 'express';
import { SpaceName } from '../../shared/protocol/values.js';
import { check } from '../../shared/protocol/validation.js';
import type { Logger } from '../log.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import { answerError, Refusal } from './apiQuery.js';

export interface SpacesApiDeps {
  layouts: SpaceLayouts;
  log: Logger;
}

export function spacesApi(d: SpacesApiDeps): Router {
  const r = express.Router();
  r.get('/:space', (req, res) => {
    try {
      const space = req.params.space ?? '';
      if (!check(SpaceName, space).ok) throw new Refusal(400, 'invalid_space', 'a space name has 1–48 characters: a–z, 0–9, - and _');
      res.json({ space, title: d.layouts.titleOf(space) });
    } catch (err) {
      answerError(d.log, req, res, err);
    }
  });
  return r;
}
