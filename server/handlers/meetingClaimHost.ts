/**
 * `meeting.claim_host`: become host with the space's host passcode (SPEC R1). Three tries at once,
 * then one every five seconds, so the passcode cannot be guessed by brute force over one session.
 */
import { type ClaimHostMessage, type NoticeMessage } from '../../shared/protocol/meeting.js';
import { secretMatches } from '../secrets.js';
import { featureRoute } from '../core/route.js';

export function meetingClaimHostRoute(passcode: string | undefined) {
  return featureRoute<ClaimHostMessage>((ctx, p, m) => {
    if (passcode === undefined) return ctx.refuse(p, 'meeting.no_passcode', 'meeting.claim_host');
    if (!secretMatches(passcode, m.passcode)) {
      ctx.log.warn({ session: p.sessionId }, 'wrong host passcode');
      return ctx.refuse(p, 'meeting.bad_passcode', 'meeting.claim_host');
    }
    if (p.avatar.host) return;
    p.avatar.host = true;
    ctx.log.info({ session: p.sessionId }, 'host by passcode');
    const notice: NoticeMessage = { kind: 'host_granted', text: 'You are a host of this space now.' };
    ctx.send(p, 'meeting.notice', notice);
  });
}
