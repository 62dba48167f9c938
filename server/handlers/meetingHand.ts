/** `meeting.hand`: raise or lower my hand; the host may lower anyone's (SPEC R2). */
import { type HandMessage, type NoticeMessage } from '../../shared/protocol/meeting.js';
import { featureRoute, requireHost, targetOf } from '../core/route.js';

export const meetingHandRoute = featureRoute<HandMessage>((ctx, p, m) => {
  if (m.target === undefined || m.target === p.sessionId) {
    p.avatar.hand = m.raised;
    return;
  }
  if (m.raised) return ctx.refuse(p, 'meeting.raise_other', 'meeting.hand');
  if (!requireHost(ctx, p, 'meeting.hand')) return;
  const t = targetOf(ctx, p, m.target, 'meeting.hand');
  if (!t || !t.avatar.hand) return;
  t.avatar.hand = false;
  const notice: NoticeMessage = { kind: 'hand_lowered', text: `${p.avatar.name} (host) lowered your hand.` };
  ctx.send(t, 'meeting.notice', notice);
});
