/**
 * The activity feed (SPEC AU5): every action the journal records that concerns this space — done in
 * it, or done anywhere to a machine its layout shows — goes to everyone here as an `activity`
 * message, with the machine's title so clients can say it in words (they never see ids).
 */
import type { ActivityMessage } from '../../shared/protocol/activity.js';
import type { Journal } from '../audit/journal.js';
import type { RoomFeature } from '../core/feature.js';
import type { TwinRuntime } from '../twins/runtime.js';

export function activityFeature(journal: Journal, runtime: TwinRuntime): RoomFeature {
  let stop: (() => void) | null = null;
  return {
    name: 'activity',
    opened(c) {
      const shown = new Set(c.space.layout.twins.map((t) => t.twin));
      stop = journal.onEntry((e, announce) => {
        if (!announce) return;
        if (e.twin === '' ? e.space !== c.space.name : !shown.has(e.twin)) return;
        const message: ActivityMessage = {
          at: e.at,
          kind: e.kind,
          actor: e.actor.name,
          twin: e.twin,
          twinTitle: e.twin === '' ? '' : (runtime.get(e.twin)?.def.title ?? e.twin),
          subject: e.subject,
        };
        c.broadcast('activity', message);
      });
    },
    dispose() {
      stop?.();
    },
  };
}
