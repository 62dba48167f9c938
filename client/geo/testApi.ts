/**
 * The geo part of the test API (`window.twinverse.features.geo`): the trails drawn, the overview's
 * sites and where their markers are on screen, so tests can click a site like a person would.
 */
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Overview } from './overview.js';
import type { Trail } from './trail.js';

export interface GeoTestApi {
  /** Each trail's dots (protocol frame, metres), oldest first. */
  trails(): { twin: string; points: { x: number; z: number }[] }[];
  /** The overview's sites as last heard, with their markers' floor places (null: not placed), and its map's source. */
  overview(): {
    map: 'own' | 'tiles';
    /** Tiles drawn into the map and tiles that failed (GS12). */
    tiles: { drawn: number; failed: number };
    sites: { space: string; title: string; state: string; severity: string; x: number | null; z: number | null; plate: string | null }[];
  } | null;
  /** The ground map's colour at a texture point (u, v in 0…1 from its north-west corner). */
  mapPixel(u: number, v: number): [number, number, number] | null;
  /** Where a site's lamp is on screen, CSS pixels; null when not drawn or behind the camera. */
  siteScreenPoint(space: string): { x: number; y: number } | null;
}

declare module '../core/feature.js' {
  interface TwinverseFeatureApis {
    geo: GeoTestApi;
  }
}

export function createGeoTestApi(scene: Scene, trails: ReadonlyMap<string, Trail>, overview: () => Overview | null): GeoTestApi {
  return {
    trails: () => [...trails.values()].map((t) => ({ twin: t.twin, points: t.path.points.map((p) => ({ x: p.x, z: p.z })) })),
    overview() {
      const o = overview();
      if (!o) return null;
      return {
        map: o.map.source,
        tiles: { drawn: o.map.tilesDrawn(), failed: o.map.tilesFailed() },
        sites: o.sites().map((s) => {
          const m = o.markers.get(s.space);
          return {
            space: s.space,
            title: s.title,
            state: s.state,
            severity: s.severity,
            x: m?.x ?? null,
            z: m?.z ?? null,
            plate: m?.plate.text ?? null,
          };
        }),
      };
    },
    mapPixel(u, v) {
      return overview()?.map.sample(u, v) ?? null;
    },
    siteScreenPoint(space) {
      const lamp = overview()?.markers.get(space)?.lamp;
      const camera = scene.activeCamera;
      if (!lamp || !camera) return null;
      const engine = scene.getEngine();
      const w = engine.getRenderWidth();
      const h = engine.getRenderHeight();
      const p = Vector3.Project(
        lamp.getAbsolutePosition(),
        Matrix.IdentityReadOnly,
        scene.getTransformMatrix(),
        camera.viewport.toGlobal(w, h),
      );
      if (p.z < 0 || p.z > 1) return null;
      const rect = engine.getRenderingCanvasClientRect();
      const sx = rect ? rect.width / w : 1;
      const sy = rect ? rect.height / h : 1;
      return { x: p.x * sx + (rect?.left ?? 0), y: p.y * sy + (rect?.top ?? 0) };
    },
  };
}
