/**
 * Twinned machines in a space (SPEC TW*, CMD*, G*): the layout's placements become `state.twins`,
 * kept current from the process-wide runtime at each patch; the twin messages' routes; holds and
 * open panels end when their participant goes.
 */
import { type TwinEventMessage } from '../../../shared/protocol/twinMessages.js';
import type { SpaceInfo } from '../../core/spaceInfo.js';
import type { RoomFeature } from '../../core/feature.js';
import type { TwinRuntime } from '../runtime.js';
import type { NoteBook } from '../../audit/notebook.js';
import type { TwinAlarmAckMessage, TwinNoteAddedMessage } from '../../../shared/protocol/twinMemory.js';
import { twinAlarmAckRoute } from './handlers/twinAlarmAck.js';
import { twinNoteRoute } from './handlers/twinNote.js';
import type { RoomContext } from '../../core/context.js';
import { twinCommandRoute } from './handlers/twinCommand.js';
import { releaseAll, twinGrabRoute, twinReleaseRoute } from './handlers/twinGrab.js';
import { twinReturnRoute } from './handlers/twinReturn.js';
import { twinMoveRoute } from './handlers/twinMove.js';
import { twinPanelRoute } from './handlers/twinPanel.js';
import type { Participant } from '../../core/participant.js';
import { createRoomTwin, type RoomTwin } from './roomTwins.js';
import { syncTwin } from './twinSync.js';
import { Replay, type ReplayDeps } from './replay.js';
import { timelineRoutes } from './handlers/timelineDrive.js';
import type { TwinCommandMessage } from '../../../shared/protocol/twinMessages.js';
import type { JsonRoute } from '../../core/context.js';

export function twinsFeature(runtime: TwinRuntime, notes: NoteBook, space: SpaceInfo, history: ReplayDeps | null = null): RoomFeature {
  const twins = new Map<string, RoomTwin>();
  let replay: Replay | null = null;
  // Back to live: forget what was copied, so the next sync writes every live value, alarm and quality again (SPEC RP5).
  const backToLive = () => {
    for (const rt of twins.values()) {
      rt.seen = { version: -1, alarms: -1, forecasts: -1, anomalies: -1, commands: -1, quality: -1, props: new Map() };
      rt.geo?.forget();
      syncTwin(rt);
    }
  };
  const command = twinCommandRoute(twins, runtime, space.name);
  // A command acts on the machine now, which a replay does not show: refused until live (SPEC RP6).
  const commandUnlessReplay: JsonRoute<TwinCommandMessage> = {
    handle(ctx, p, m) {
      if (replay?.active) return ctx.refuse(p, 'twin.replay', 'twin.command');
      command.handle(ctx, p, m);
    },
  };
  // An acknowledgement acts on the live alarm, not the one of then that a replay shows (SPEC RP6).
  const ack = twinAlarmAckRoute(twins, runtime, space.name);
  const ackUnlessReplay: JsonRoute<TwinAlarmAckMessage> = {
    handle(ctx, p, m) {
      if (replay?.active) return ctx.refuse(p, 'twin.replay', 'twin.alarm_ack');
      ack.handle(ctx, p, m);
    },
  };
  const timeline = timelineRoutes(() => replay, backToLive);
  let stopEvents: (() => void) | null = null;
  let stopNotes: (() => void) | null = null;
  const goodbye = (c: RoomContext, p: Participant) => {
    releaseAll(c, twins, p);
    for (const rt of twins.values()) rt.state.viewers.delete(p.sessionId);
  };
  return {
    name: 'twins',
    json: {
      'twin.command': commandUnlessReplay,
      'twin.grab': twinGrabRoute(twins),
      'twin.move': twinMoveRoute(twins),
      'twin.release': twinReleaseRoute(twins),
      'twin.return_part': twinReturnRoute(twins),
      'twin.panel': twinPanelRoute(twins),
      'twin.alarm_ack': ackUnlessReplay,
      'twin.note': twinNoteRoute(twins, notes, space.name),
      ...timeline,
    },
    opened(c) {
      replay = history ? new Replay(history, twins, c.log.child({ part: 'replay' })) : null;
      // Clients enable their replay controls from this (the server checks every drive anyway, RP3).
      c.state.timeline.drivers = c.space.layout.timelineDrivers;
      for (const placement of c.space.layout.twins) {
        const live = runtime.get(placement.twin);
        if (!live) {
          c.log.error({ twin: placement.twin, layout: c.space.layoutName }, 'the layout places a twin that is not loaded; skipped');
          continue;
        }
        if (twins.has(placement.twin)) continue;
        const rt = createRoomTwin(live, placement, c.space.geo);
        syncTwin(rt);
        twins.set(placement.twin, rt);
        c.state.twins.set(placement.twin, rt.state);
      }
      stopEvents = runtime.onEvent((twin, event, data, ts) => {
        if (twins.has(twin)) c.broadcast('twin.event', { twin, event, data, ts } satisfies TwinEventMessage);
      });
      // A note written in any space reaches every space showing the machine (SPEC NT2).
      stopNotes = notes.onNote((n) => {
        if (twins.has(n.twin))
          c.broadcast('twin.note_added', {
            twin: n.twin,
            note: { id: n.id, at: n.at, kind: n.kind, text: n.text, by: n.by },
          } satisfies TwinNoteAddedMessage);
      });
    },
    dispose() {
      replay?.stop();
      stopEvents?.();
      stopNotes?.();
    },
    beforePatch(c) {
      // Runs inside Colyseus's patch timer, where a throw would end the process: contain it.
      try {
        if (replay?.active) replay.tick(c.now(), c.state.timeline);
        else for (const rt of twins.values()) syncTwin(rt);
      } catch (err) {
        c.log.error({ err }, 'twin sync failed');
      }
    },
    dropped: (c, p) => goodbye(c, p),
    left: (c, p) => goodbye(c, p),
  };
}
