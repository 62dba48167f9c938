/**
 * `meeting.lock` (host only): locks or unlocks the space to newcomers (SPEC R5); `saved` keeps the
 * change across restarts where that is wanted (SPEC RS3).
 */
import { type LockMessage } from '../../shared/protocol/meeting.js';
import { featureRoute, requireHost } from '../core/route.js';

export function meetingLockRoute(saved: (locked: boolean) => void = () => undefined) {
  return featureRoute<LockMessage>((ctx, p, m) => {
    if (!requireHost(ctx, p, 'meeting.lock')) return;
    if (ctx.state.meeting.locked === m.locked) return;
    ctx.state.meeting.locked = m.locked;
    saved(m.locked);
    ctx.log.info({ host: p.sessionId, locked: m.locked }, 'space lock changed');
    ctx.audit({
      twin: '',
      kind: m.locked ? 'lock' : 'unlock',
      actor: { session: p.sessionId, name: p.avatar.name },
      subject: ctx.space.name,
      detail: {},
    });
  });
}
