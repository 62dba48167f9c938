/**
 * `meeting.mute` (host only): mutes someone. They are told, and may unmute themselves; every other
 * client silences a muted voice too, so a client that ignores the flag is still not heard (SPEC R3).
 */
import { type MuteMessage, type NoticeMessage } from '../../shared/protocol/meeting.js';
import { featureRoute, requireHost, targetOf } from '../core/route.js';

export const meetingMuteRoute = featureRoute<MuteMessage>((ctx, p, m) => {
  if (!requireHost(ctx, p, 'meeting.mute')) return;
  const t = targetOf(ctx, p, m.target, 'meeting.mute');
  if (!t) return;
  if (t.avatar.muted) return;
  t.avatar.muted = true;
  ctx.log.info({ host: p.sessionId, target: t.sessionId }, 'host muted a participant');
  ctx.audit({
    twin: '',
    kind: 'mute',
    actor: { session: p.sessionId, name: p.avatar.name },
    subject: t.avatar.name,
    detail: { target: t.sessionId },
  });
  if (t !== p) {
    const notice: NoticeMessage = {
      kind: 'muted_by_host',
      text: `${p.avatar.name} (host) muted you. Press M or the microphone button to speak again.`,
    };
    ctx.send(t, 'meeting.notice', notice);
  }
});
