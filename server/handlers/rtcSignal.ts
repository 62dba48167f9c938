/**
 * `rtc.signal`: relays WebRTC signalling (offer, answer, ICE candidate, want, bye) to one other member
 * of the same space — never across spaces, never to oneself. The server reads nothing but the
 * address; the sender is named by its session, not by the payload (SPEC V1).
 */
import { type RelayedSignal, type SignalMessage } from '../../shared/protocol/meeting.js';
import { featureRoute } from '../core/route.js';

export const rtcSignalRoute = featureRoute<SignalMessage>((ctx, p, m) => {
  if (m.to === p.sessionId) return ctx.refuse(p, 'rtc.self', 'rtc.signal');
  // Rooms are per space, so a session id from another space is simply not found here.
  const target = ctx.participant(m.to);
  if (!target || !target.avatar.connected) return ctx.refuse(p, 'rtc.peer_unknown', 'rtc.signal', m.kind);
  const { to: _to, ...body } = m;
  const relayed: RelayedSignal = { ...body, from: p.sessionId };
  ctx.send(target, 'rtc.signal', relayed);
});
