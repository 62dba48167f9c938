/**
 * Shared replay, the client's side (SPEC RP7): follows `state.timeline` after each patch, shows the
 * replay bar (banner, scrubber with alarm and note markers, play/pause, speed, back to live) and sends
 * the `timeline.*` messages; offers "Replay: play/pause" and "Back to live" to menus (the VR wrist menu
 * lists them) and `ctx.apis.timeline` (api.ts) to the VR menu's replay page. The machines themselves need nothing here: in a replay the server writes the recorded
 * values into the twin state every client already follows.
 */
import type { ClientContext } from '../context/context.js';
import type { ClientFeature } from '../core/feature.js';
import { Listeners } from '../core/listeners.js';
import type { TimelineApi } from './api.js';
import { createReplayBar, type ReplayDrive } from './banner.js';
import { loadMarkers } from './markers.js';
import { LIVE, mayDrive, readTimeline, sameTimeline, type Timeline } from './model.js';
import { createTimelineTestApi } from './testApi.js';

export function createTimelineFeature(ctx: ClientContext): ClientFeature {
  const { connection } = ctx;
  const base = connection.endpoint.replace(/^ws/, 'http');
  let timeline: Timeline = LIVE;
  let me = { host: false, operator: false };
  let twins: { id: string; title: string }[] = [];
  const allowed = () => mayDrive(timeline, me);

  const drive: ReplayDrive = {
    seek: (at, speed) => connection.send('timeline.seek', speed === undefined ? { at: Math.round(at) } : { at: Math.round(at), speed }),
    play: (speed) => connection.send('timeline.play', { speed }),
    pause: () => connection.send('timeline.pause', {}),
    live: () => connection.send('timeline.live', {}),
    opened: (from, to) => {
      void loadMarkers(base, twins, from, to).then((m) => bar.setMarkers(m));
    },
  };
  const bar = createReplayBar(drive);
  ctx.hud.root.append(bar.element);
  const changes = new Listeners<void>();
  const api: TimelineApi = {
    get timeline() {
      return timeline;
    },
    get allowed() {
      return allowed();
    },
    get banner() {
      return bar.text();
    },
    get speed() {
      return bar.speed();
    },
    setSpeed(speed) {
      bar.setSpeed(speed);
      changes.emit();
    },
    seek: (at, speed) => drive.seek(at, speed),
    play: (speed) => drive.play(speed),
    pause: () => drive.pause(),
    live: () => drive.live(),
    markers: (from, to) => loadMarkers(base, twins, from, to),
    onChange: (l) => changes.add(l),
  };
  ctx.apis.timeline = api;

  const offState = connection.onState((sync) =>
    sync.afterPatch(() => {
      const next = readTimeline(sync.state.timeline);
      const self = connection.sessionId ? sync.state.avatars.get(connection.sessionId) : undefined;
      const roles = { host: self?.host ?? false, operator: self?.operator ?? false };
      twins = [...sync.state.twins.values()].map((t) => ({ id: t.id, title: t.title }));
      if (sameTimeline(next, timeline) && roles.host === me.host && roles.operator === me.operator) return;
      const modeChanged = next.mode !== timeline.mode || next.playing !== timeline.playing;
      timeline = next;
      me = roles;
      bar.show(timeline, allowed());
      changes.emit();
      if (modeChanged) ctx.actions.changed();
    }),
  );
  bar.show(timeline, allowed());

  // The VR wrist menu lists registered actions: play/pause and back to live while replaying.
  const offPlay = ctx.actions.register({
    id: 'replay-play',
    label: () => (timeline.mode === 'live' ? 'Replay: live' : timeline.playing ? 'Replay: pause' : 'Replay: play'),
    active: () => timeline.mode === 'replay',
    run: () => {
      if (!allowed() || timeline.mode === 'live') return;
      if (timeline.playing) drive.pause();
      else drive.play(bar.speed());
    },
  });
  const offLive = ctx.actions.register({
    id: 'replay-live',
    label: () => (timeline.mode === 'live' ? 'Live' : 'Back to live'),
    active: () => timeline.mode === 'live',
    run: () => {
      if (allowed() && timeline.mode === 'replay') drive.live();
    },
  });

  return {
    name: 'timeline',
    testApi: createTimelineTestApi({ timeline: () => timeline, bar, drive, allowed }),
    dispose() {
      offState();
      offPlay();
      offLive();
      bar.element.remove();
      delete ctx.apis.timeline;
    },
  };
}
