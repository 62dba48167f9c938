/**
 * `GET /api/spaces/:space` (SPEC SP1): a space's public title, for the join and loading screens before
 * anyone has joined — the same title the room gives its HUD (server/spaces/layouts.ts `spaceTitle`) —
 * with where it is on Earth and, for an overview space, its map (SPEC GS1, GS10).
 * `GET /api/spaces/:space/sites`: an overview's sites with their alarm states (SPEC GS9).
 * `GET /api/spaces/:space/instances`: how many people each instance of the space seats now (SPEC SP2).
 * Public like the page itself: the title is on every invitation, the site's place on its address, and
 * machine alarms are as public as `GET /api/twins`. Occupancy is not public where joining takes a
 * signed token: who meets when is then the inviter's to tell.
 *
 * Occupancy is a route of its own rather than more fields of SP1: SP1 is read from the layout alone by
 * every join and loading screen, while occupancy asks the matchmaker (Redis with several processes)
 * and changes with every join, so a screen that wants the title does not pay for it.
 */
import express, { type Router } from 'express';
import { SpaceName } from '../../shared/protocol/values.js';
import { check } from '../../shared/protocol/validation.js';
import type { Logger } from '../log.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import { answerError, Refusal } from './apiQuery.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { MapConfig } from '../geo/mapConfig.js';
import { overviewSites } from './overviewSites.js';
import { occupancy, type RoomOfSpace } from '../spaces/occupancy.js';
import { secretMatches } from '../secrets.js';

export interface SpacesApiDeps {
  layouts: SpaceLayouts;
  log: Logger;
  /** The live machines, for an overview's alarm states; absent: every site shows `ok`. */
  runtime?: TwinRuntime;
  /** The ground map's tiles (MAP_TILE_URL, MAP_ATTRIBUTION). */
  map?: MapConfig['map'];
  /** The space's rooms as the matchmaker lists them, the seats per instance, and whether occupancy is private (SP2). */
  rooms?: {
    of(space: string): Promise<readonly RoomOfSpace[]>;
    cap: number;
    /** Joining takes a signed token (JT1): occupancy is refused with `403 occupancy_private`… */
    private: boolean;
    /** … but to the operators (ADMIN_TOKEN as `Authorization: Bearer …`); undefined: to no one. */
    adminToken?: string | undefined;
  };
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
  r.get('/:space/instances', async (req, res) => {
    try {
      const space = req.params.space;
      if (!check(SpaceName, space).ok) throw new Refusal(400, 'invalid_space', NO_SUCH_SPACE);
      const rooms = d.rooms;
      if (!rooms) throw new Refusal(404, 'not_found', 'this server does not report occupancy');
      if (rooms.private) {
        const bearer = /^Bearer (.+)$/i.exec(req.get('authorization') ?? '')?.[1];
        if (bearer !== undefined && !secretMatches(rooms.adminToken, bearer)) {
          res.set('WWW-Authenticate', 'Bearer realm="twinverse-admin"');
          throw new Refusal(401, 'unauthorized', 'The admin token is wrong');
        }
        if (bearer === undefined)
          throw new Refusal(403, 'occupancy_private', 'joining takes a signed token here: who is in a space is not public');
      }
      const instances = d.layouts.resolve(space).layout.overflow?.instances ?? 1;
      res.json({ space, instances: occupancy(space, await rooms.of(space), instances, rooms.cap) });
    } catch (err) {
      answerError(d.log, req, res, err);
    }
  });
  return r;
}
