/** `meeting.lock` (host only): locks or unlocks the space to newcomers (SPEC R5). */
import { MeetingMessage, type LockMessage } from '../../shared/protocol/meeting.js';
import { featureRoute, requireHost } from '../meeting/route.js';

export const meetingLockRoute = featureRoute<LockMessage>({ perSecond: 1, burst: 3 }, (ctx, p, m) => {
  if (!requireHost(ctx, p, MeetingMessage.Lock)) return;
  if (ctx.state.meeting.locked === m.locked) return;
  ctx.state.meeting.locked = m.locked;
  ctx.log.info({ host: p.sessionId, locked: m.locked }, 'space lock changed');
});
