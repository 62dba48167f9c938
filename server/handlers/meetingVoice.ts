/** `meeting.voice`: my own microphone state — muted or not, microphone or listening only (SPEC V5, V6). */
import type { VoiceMessage } from '../../shared/protocol/meeting.js';
import { featureRoute } from '../core/route.js';

export const meetingVoiceRoute = featureRoute<VoiceMessage>((_ctx, p, m) => {
  // Unmuting is always mine to do, also after the host muted me (SPEC R3).
  if (m.muted !== undefined) p.avatar.muted = m.muted;
  if (m.mic !== undefined) p.avatar.mic = m.mic;
});
