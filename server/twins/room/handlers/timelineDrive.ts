/**
 * `timeline.seek`, `timeline.play`, `timeline.pause`, `timeline.live`: drive the space's shared
 * replay (SPEC RP1–RP5). Four small routes over one `Replay`, in one file because they share who may
 * drive (RP3), how a drive is written into the timeline state and how it is audited.
 */
import type { TimelinePlayMessage, TimelineSeekMessage } from '../../../../shared/protocol/timeline.js';
import type { JsonRoute, RoomContext } from '../../../core/context.js';
import type { Participant } from '../../../core/participant.js';
import type { Replay } from '../replay.js';

const DAY_MS = 86_400_000;

/** Whether `p` may drive the timeline under the space's `timelineDrivers` setting (RP3). */
export function drivesTimeline(ctx: RoomContext, p: Participant): boolean {
  const who = ctx.space.layout.timelineDrivers;
  if (who === 'everyone') return true;
  if (who === 'host') return p.avatar.host;
  return p.avatar.host || p.operator;
}

function audit(ctx: RoomContext, p: Participant, subject: string, detail: Record<string, unknown>): void {
  ctx.audit({ twin: '', kind: 'timeline', actor: { session: p.sessionId, name: p.avatar.name }, subject, detail });
}

export interface TimelineRoutes {
  'timeline.seek': JsonRoute<TimelineSeekMessage>;
  'timeline.play': JsonRoute<TimelinePlayMessage>;
  'timeline.pause': JsonRoute<Record<string, never>>;
  'timeline.live': JsonRoute<Record<string, never>>;
}

/**
 * The routes (`replayOf`: the room's replay, made when the room opens; null without a store); `live` is what the twins feature does to show live values again. Refusals change
 * nothing (the sender is told by name, one log line).
 */
export function timelineRoutes(replayOf: () => Replay | null, live: (ctx: RoomContext) => void): TimelineRoutes {
  return {
    'timeline.seek': {
      handle(ctx, p, m) {
        const REF = 'timeline.seek';
        const replay = replayOf();
        if (!drivesTimeline(ctx, p)) return ctx.refuse(p, 'timeline.not_allowed', REF);
        if (!replay) return ctx.refuse(p, 'timeline.no_history', REF);
        const wall = replay.deps.wall();
        if (m.at > wall) return ctx.refuse(p, 'timeline.future', REF, new Date(m.at).toISOString());
        if (m.at < wall - replay.deps.retentionDays * DAY_MS)
          return ctx.refuse(p, 'timeline.past_retention', REF, new Date(m.at).toISOString());
        const t = ctx.state.timeline;
        const speed = m.speed ?? t.speed;
        replay.seek(m.at, ctx.now(), speed, m.speed !== undefined);
        t.mode = 'replay';
        t.at = m.at;
        t.speed = speed;
        t.playing = m.speed !== undefined;
        t.by = p.avatar.name;
        audit(ctx, p, new Date(m.at).toISOString(), { action: 'seek', at: m.at, speed: t.playing ? speed : 0 });
      },
    },
    'timeline.play': {
      handle(ctx, p, m) {
        const REF = 'timeline.play';
        const replay = replayOf();
        if (!drivesTimeline(ctx, p)) return ctx.refuse(p, 'timeline.not_allowed', REF);
        if (!replay?.active) return ctx.refuse(p, 'timeline.live', REF);
        replay.play(ctx.now(), m.speed);
        const t = ctx.state.timeline;
        t.speed = m.speed;
        t.playing = true;
        t.by = p.avatar.name;
        audit(ctx, p, `play ${m.speed}×`, { action: 'play', at: t.at, speed: m.speed });
      },
    },
    'timeline.pause': {
      handle(ctx, p) {
        const REF = 'timeline.pause';
        const replay = replayOf();
        if (!drivesTimeline(ctx, p)) return ctx.refuse(p, 'timeline.not_allowed', REF);
        if (!replay?.active) return ctx.refuse(p, 'timeline.live', REF);
        replay.pause(ctx.now());
        const t = ctx.state.timeline;
        t.playing = false;
        t.by = p.avatar.name;
        audit(ctx, p, 'pause', { action: 'pause', at: t.at });
      },
    },
    'timeline.live': {
      handle(ctx, p) {
        if (!drivesTimeline(ctx, p)) return ctx.refuse(p, 'timeline.not_allowed', 'timeline.live');
        const replay = replayOf();
        if (!replay?.active) return; // already live: nothing to change, nothing to audit
        replay.stop();
        live(ctx);
        const t = ctx.state.timeline;
        t.mode = 'live';
        t.at = 0;
        t.playing = false;
        t.by = p.avatar.name;
        audit(ctx, p, 'live', { action: 'live' });
      },
    },
  };
}
