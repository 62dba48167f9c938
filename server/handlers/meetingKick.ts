/** `meeting.kick` (host only): removes someone from the space; their session ends with 4406 (SPEC R4). */
import { type KickMessage } from '../../shared/protocol/meeting.js';
import { CloseCode } from '../../shared/protocol/version.js';
import { featureRoute, requireHost, targetOf } from '../core/route.js';

export const meetingKickRoute = featureRoute<KickMessage>((ctx, p, m) => {
  if (!requireHost(ctx, p, 'meeting.kick')) return;
  const t = targetOf(ctx, p, m.target, 'meeting.kick');
  if (!t) return;
  if (t === p) return ctx.refuse(p, 'meeting.self', 'meeting.kick');
  ctx.log.info({ host: p.sessionId, target: t.sessionId, name: t.avatar.name }, 'host removed a participant');
  ctx.audit({
    twin: '',
    kind: 'remove',
    actor: { session: p.sessionId, name: p.avatar.name },
    subject: t.avatar.name,
    detail: { target: t.sessionId },
  });
  ctx.disconnect(t, CloseCode.KICKED);
});
