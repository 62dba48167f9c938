/**
 * `GET /api/spaces/:space` (SPEC SP1): a space's public title, for the join and loading screens before
 * anyone has joined — the same title the room gives its HUD (server/spaces/layouts.ts `spaceTitle`) —
 * with where it is on Earth and, for an overview space, its map (SPEC GS1, GS10).
 * `GET /api/spaces/:space/sites`: an overview's sites with their alarm states (SPEC GS9).
 * Public like the page itself: the title is on every invitation, the site's place on its address, and
 * machine alarms are as public as `GET /api/twins`.
 */
import express, { type Router } from 'express';
import { SpaceName } from '../../shared/protocol/values.js';
import { check } from '../../shared/protocol/validation.js';
import type { Logger } from '../log.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import { answerError, Refusal } from './apiQuery.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { MapConfig } from '../geo/mapConfig.js';
import { overviewSites } from '../geo/sites.js';

export interface SpacesApiDeps {
  layouts: SpaceLayouts;
  log: Logger;
  /** The live machines, for an overview's alarm states; absent: every site shows `ok`. */
  runtime?: TwinRuntime;
  /** The ground map's tiles (MAP_TILE_URL, MAP_ATTRIBUTION). */
  map?: MapConfig['map'];
}

const NO_SUCH_SPACE = 'a space name has 1–48 characters: a–z, 0–9, - and _';

export function spacesApi(d: SpacesApiDeps): Router {
  const r = express.Router();
  r.get('/:space', (req, res) => {
    try {
      const space = req.params.space ?? '';
      if (!check(SpaceName, space).ok) throw new Refusal(400, 'invalid_space', NO_SUCH_SPACE);
      const overview = d.layouts.resolve(space).layout.overview;
      res.json({
        space,
        title: d.layouts.titleOf(space),
        geo: d.layouts.geoOf(space),
        overview: overview
          ? { scale: overview.scale, sites: overview.sites, tileUrl: d.map?.tileUrl ?? null, attribution: d.map?.attribution ?? '' }
          : null,
      });
    } catch (err) {
      answerError(d.log, req, res, err);
    }
  });
  r.get('/:space/sites', (req, res) => {
    try {
      const space = req.params.space;
      if (!check(SpaceName, space).ok) throw new Refusal(400, 'invalid_space', NO_SUCH_SPACE);
      const overview = d.layouts.resolve(space).layout.overview;
      if (!overview) throw new Refusal(404, 'not_an_overview', `space "${space}" is not an overview: its layout lists no sites`);
      res.json({ space, sites: d.runtime ? overviewSites(overview.sites, d.layouts, d.runtime) : [] });
    } catch (err) {
      answerError(d.log, req, res, err);
    }
  });
  return r;
}
