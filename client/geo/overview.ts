/**
 * The overview space (SPEC GS8–GS11): the ground map, a marker per site coloured by its alarm state
 * (asked of the server every 2 s), and selecting a site — a click, or an XR controller's ray, both
 * reach the scene as pointer picks — takes the person into it as who they are.
 */
import { PointerEventTypes, type PointerInfo } from '@babylonjs/core/Events/pointerEvents.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { GeoFrame } from '../../shared/geo/frame.js';
import { ServedSites, type OverviewSite, type ServedOverview } from '../../shared/geo/overview.js';
import type { GeoReference } from '../../shared/geo/reference.js';
import type { JoinOptions } from '../../shared/protocol/messages.js';
import { check } from '../../shared/protocol/validation.js';
import { createGroundMap, type GroundMap } from './groundMap.js';
import { SiteMarker } from './siteMarkers.js';

/** How often the sites' alarm states are asked for, ms. */
export const SITES_POLL_MS = 2000;

export interface Overview {
  readonly map: GroundMap;
  readonly markers: ReadonlyMap<string, SiteMarker>;
  /** Sites as last heard, placed or not. */
  sites(): readonly OverviewSite[];
  /** Goes into a site's space (what a pick does). */
  enter(space: string): void;
  /** Asks for the sites now (the poll does this every 2 s). */
  refresh(now: number): void;
  dispose(): void;
}

/** The link into a site: this page's own with the site's space, and the person's name and look. */
export function siteLink(current: string, space: string, join: Pick<JoinOptions, 'name' | 'color' | 'style'>): string {
  const url = new URL(current);
  url.searchParams.set('space', space);
  url.searchParams.set('name', join.name);
  if (join.color) url.searchParams.set('color', join.color);
  if (join.style) url.searchParams.set('style', join.style);
  return url.toString();
}

export function createOverview(
  scene: Scene,
  o: {
    base: string;
    space: string;
    geo: GeoReference;
    overview: ServedOverview;
    hall: { width: number; depth: number };
    join: JoinOptions;
    navigate: (url: string) => void;
  },
): Overview {
  const frame = new GeoFrame(o.geo);
  const map = createGroundMap(scene, {
    width: o.hall.width,
    depth: o.hall.depth,
    frame,
    scale: o.overview.scale,
    tileUrl: o.overview.tileUrl,
    attribution: o.overview.attribution,
  });
  const markers = new Map<string, SiteMarker>();
  let sites: OverviewSite[] = [];
  let asking = false;
  let lastAsked = -Infinity;
  let disposed = false;

  const take = (list: OverviewSite[]) => {
    sites = list;
    for (const s of list) {
      const m = markers.get(s.space);
      if (m) m.update(s);
      else if (s.latitude !== null && s.longitude !== null)
        markers.set(s.space, new SiteMarker(scene, frame, o.overview.scale, { ...s, latitude: s.latitude, longitude: s.longitude }));
    }
  };
  const ask = async () => {
    asking = true;
    try {
      const res = await fetch(new URL(`/api/spaces/${encodeURIComponent(o.space)}/sites`, o.base));
      const body = check(ServedSites, res.ok ? ((await res.json()) as unknown) : null);
      if (body.ok && !disposed) take(body.value.sites);
    } catch {
      // The next poll asks again; the markers keep their last state meanwhile.
    } finally {
      asking = false;
    }
  };
  const enter = (space: string) => {
    if (!o.overview.sites.includes(space)) return;
    o.navigate(siteLink(location.href, space, o.join));
  };
  const pointer = scene.onPointerObservable.add((info: PointerInfo) => {
    if (info.type !== PointerEventTypes.POINTERDOWN) return;
    const site = (info.pickInfo?.pickedMesh?.metadata as { site?: string } | null)?.site;
    if (site) enter(site);
  });
  return {
    map,
    markers,
    sites: () => sites,
    enter,
    refresh(now) {
      if (asking || now - lastAsked < SITES_POLL_MS) return;
      lastAsked = now;
      void ask();
    },
    dispose() {
      disposed = true;
      scene.onPointerObservable.remove(pointer);
      for (const m of markers.values()) m.dispose();
      map.dispose();
    },
  };
}
