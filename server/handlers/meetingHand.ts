/** `meeting.hand`: raise or lower my hand; the host may lower anyone's (SPEC R2). */
import { MeetingMessage, type HandMessage, type NoticeMessage } from '../../shared/protocol/meeting.js';
import { featureRoute, requireHost, targetOf } from '../meeting/route.js';

export const meetingHandRoute = featureRoute<HandMessage>({ perSecond: 2, burst: 5 }, (ctx, p, m) => {
  if (m.target === undefined || m.target === p.sessionId) {
    p.avatar.hand = m.raised;
    return;
  }
  if (m.raised) return ctx.refuse(p, 'meeting.raise_other', MeetingMessage.Hand);
  if (!requireHost(ctx, p, MeetingMessage.Hand)) return;
  const t = targetOf(ctx, p, m.target, MeetingMessage.Hand);
  if (!t || !t.avatar.hand) return;
  t.avatar.hand = false;
  const notice: NoticeMessage = { kind: 'hand_lowered', text: `${p.avatar.name} (host) lowered your hand.` };
  ctx.send(t, MeetingMessage.Notice, notice);
});
