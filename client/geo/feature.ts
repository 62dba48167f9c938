/**
 * Sites on Earth in the browser (SPEC GS5, GS8–GS11, GS15): in a space with a geo reference, the path
 * each twin that reports its position took over the last minutes (in a replay, the minutes before the
 * replayed time), drawn on the floor (the server places the twin itself); in an overview space, the
 * map of sites.
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { reportsPosition } from '../../shared/geo/position.js';
import type { ClientContext } from '../context/context.js';
import type { ClientFeature } from '../core/feature.js';
import { httpBase } from '../net/spaceTitle.js';
import { trailHistory } from './history.js';
import { createOverview, type Overview } from './overview.js';
import { createGeoTestApi } from './testApi.js';
import { Trail } from './trail.js';
import { TrailFollower } from './trailFollower.js';

/** How often trails take a new point and redraw, ms (twins report a few times a second). */
const TRAIL_STEP_MS = 250;
const TRAIL_COLOR = Color3.FromHexString('#ffc53d');

export function createGeoFeature(ctx: ClientContext): ClientFeature {
  const { geo, overview: served } = ctx.place;
  const base = httpBase(ctx.connection.endpoint);
  const trails = new Map<string, Trail>();
  const followers = new Map<string, TrailFollower>();
  let overview: Overview | null = null;
  if (geo && served) {
    const info = ctx.connection.state?.space;
    overview = createOverview(ctx.scene, {
      base,
      space: ctx.join.space,
      geo,
      overview: served,
      hall: { width: info?.width ?? 32, depth: info?.depth ?? 24 },
      join: ctx.join,
      navigate: (url) => location.assign(url),
    });
  }
  let last = -Infinity;
  const step = () => {
    const state = ctx.connection.state;
    if (!state || !geo) return;
    const wall = Date.now();
    const t = state.timeline;
    const timeline = { mode: t.mode === 'replay' ? 'replay' : 'live', at: t.at, speed: t.speed, playing: t.playing } as const;
    for (const twin of state.twins.values()) {
      if (!reportsPosition(twin.properties)) continue;
      let trail = trails.get(twin.id);
      if (!trail) {
        trail = new Trail(ctx.scene, twin.id, TRAIL_COLOR);
        trails.set(twin.id, trail);
        followers.set(twin.id, new TrailFollower(trail.path, trailHistory(base, twin.id, geo)));
      }
      // Only once it has said where it is: before that it stands where the layout put it.
      const position = twin.properties.get('latitude')!.ts > 0 ? { x: twin.px, z: twin.pz } : null;
      trail.refresh(followers.get(twin.id)!.step(timeline, wall, position));
    }
    for (const [id, trail] of trails)
      if (!state.twins.has(id)) {
        trail.dispose();
        trails.delete(id);
        followers.delete(id);
      }
  };
  return {
    name: 'geo',
    systems: [
      {
        name: 'geo',
        phase: 'render',
        update: (f) => {
          overview?.refresh(f.now);
          if (f.now - last < TRAIL_STEP_MS) return;
          last = f.now;
          step();
        },
        dispose: () => {
          for (const t of trails.values()) t.dispose();
          trails.clear();
          overview?.dispose();
        },
      },
    ],
    // Only test builds carry the test API (MODE is a build-time constant: production drops this).
    testApi: import.meta.env.MODE !== 'test' ? undefined : createGeoTestApi(ctx.scene, trails, () => overview),
  };
}
