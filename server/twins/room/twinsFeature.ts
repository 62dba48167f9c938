/**
 * Twinned machines in a space (SPEC TW*, CMD*, G*): the layout's placements become `state.twins`,
 * kept current from the process-wide runtime at each patch; the twin messages' routes; holds and
 * open panels end when their participant goes.
 */
import { TwinMessageType, type TwinEventMessage } from '../../../shared/protocol/twinMessages.js';
import type { SpaceInfo } from '../../rooms/deps.js';
import type { RoomFeature } from '../../rooms/feature.js';
import type { TwinRuntime } from '../runtime.js';
import { twinCommandRoute } from '../../handlers/twinCommand.js';
import { releaseAll, twinGrabRoute, twinReleaseRoute } from '../../handlers/twinGrab.js';
import { twinMoveRoute } from '../../handlers/twinMove.js';
import { twinPanelRoute } from '../../handlers/twinPanel.js';
import type { Participant } from '../../rooms/participant.js';
import { createRoomTwin, type RoomTwin } from './roomTwins.js';
import { syncTwin } from './twinSync.js';

export function twinsFeature(runtime: TwinRuntime, space: SpaceInfo): RoomFeature {
  const twins = new Map<string, RoomTwin>();
  let stopEvents: (() => void) | null = null;
  const goodbye = (p: Participant) => {
    releaseAll(twins, p);
    for (const rt of twins.values()) rt.state.viewers.delete(p.sessionId);
  };
  return {
    name: 'twins',
    json: {
      [TwinMessageType.Command]: twinCommandRoute(twins, runtime, space.name),
      [TwinMessageType.Grab]: twinGrabRoute(twins),
      [TwinMessageType.Move]: twinMoveRoute(twins),
      [TwinMessageType.Release]: twinReleaseRoute(twins),
      [TwinMessageType.Panel]: twinPanelRoute(twins),
    },
    opened(c) {
      for (const placement of c.space.layout.twins) {
        const live = runtime.get(placement.twin);
        if (!live) {
          c.log.error({ twin: placement.twin, layout: c.space.layoutName }, 'the layout places a twin that is not loaded; skipped');
          continue;
        }
        if (twins.has(placement.twin)) continue;
        const rt = createRoomTwin(live, placement);
        syncTwin(rt);
        twins.set(placement.twin, rt);
        c.state.twins.set(placement.twin, rt.state);
      }
      stopEvents = runtime.onEvent((twin, event, data, ts) => {
        if (twins.has(twin)) c.broadcast(TwinMessageType.Event, { twin, event, data, ts } satisfies TwinEventMessage);
      });
    },
    dispose() {
      stopEvents?.();
    },
    beforePatch(c) {
      // Runs inside Colyseus's patch timer, where a throw would end the process: contain it.
      try {
        for (const rt of twins.values()) syncTwin(rt);
      } catch (err) {
        c.log.error({ err }, 'twin sync failed');
      }
    },
    dropped: (_c, p) => goodbye(p),
    left: (_c, p) => goodbye(p),
  };
}
