/**
 * The sites an overview space shows (SPEC GS9): each listed space's title, place on Earth and alarm
 * state, from its layout and the live twins it places — read when asked, so the overview is as
 * current as the machines.
 */
import type { OverviewSite } from '../../shared/geo/overview.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import type { TwinRuntime } from '../twins/runtime.js';

const RANK = { info: 1, warning: 2, critical: 3 } as const;

export function overviewSites(names: readonly string[], layouts: SpaceLayouts, runtime: TwinRuntime): OverviewSite[] {
  return names.map((space) => {
    const geo = layouts.geoOf(space);
    const { layout } = layouts.resolve(space);
    let alarms = 0;
    let severity: OverviewSite['severity'] = '';
    let machines = 0;
    let live = 0;
    for (const placed of layout.twins) {
      const twin = runtime.get(placed.twin);
      if (!twin) continue;
      machines++;
      if (twin.quality === 'good') live++;
      for (const a of twin.alarms.values()) {
        alarms++;
        if (severity === '' || RANK[a.severity] > RANK[severity]) severity = a.severity;
      }
    }
    return {
      space,
      title: layouts.titleOf(space),
      latitude: geo?.latitude ?? null,
      longitude: geo?.longitude ?? null,
      // Stale when nothing there reports: one camera offline does not grey out a working site.
      state: alarms > 0 ? 'alarm' : machines > 0 && live === 0 ? 'stale' : 'ok',
      alarms,
      severity,
    };
  });
}
