/**
 * Meetings: who is host, the space's lock, people's voice and hand state, and the WebRTC signalling
 * relay. The host is whoever opened a space without a host passcode (passed on to the longest-present
 * person when they leave), or everyone who entered a configured space's passcode (SPEC R1). The lock
 * of a space with a passcode is the space's, not the room's: saved, it outlives the room and a
 * restart (SPEC RS3); elsewhere it ends with the room, since nobody could open a locked space then.
 */
import { ServerError } from '@colyseus/core';
import {
  VOICE_MAX_LINKS,
  VOICE_NEAREST,
  type HelloMessage,
  type NoticeMessage,
  type WelcomeMessage,
} from '../../shared/protocol/meeting.js';
import { CLOSE_REASONS, CloseCode } from '../../shared/protocol/version.js';
import { meetingClaimHostRoute } from '../handlers/meetingClaimHost.js';
import { meetingHandRoute } from '../handlers/meetingHand.js';
import { meetingKickRoute } from '../handlers/meetingKick.js';
import { meetingLockRoute } from '../handlers/meetingLock.js';
import { meetingMuteRoute } from '../handlers/meetingMute.js';
import { meetingVoiceRoute } from '../handlers/meetingVoice.js';
import { rtcSignalRoute } from '../handlers/rtcSignal.js';
import { hostPasscodeOf, iceServersFor, type MeetingConfig } from '../meeting/config.js';
import type { SpaceRecord } from '../meeting/memory.js';
import { featureRoute } from '../core/route.js';
import type { SpaceInfo } from '../core/spaceInfo.js';
import type { RoomFeature } from '../core/feature.js';
import { secretMatches } from '../secrets.js';

export function meetingFeature(config: MeetingConfig, space: SpaceInfo, record: SpaceRecord): RoomFeature {
  const passcode = hostPasscodeOf(config, space.name);
  const saveLock = passcode !== undefined ? (locked: boolean) => record.saveLock(locked) : undefined;
  return {
    name: 'meeting',
    json: {
      // The client listens now: every feature greets it (this one first, with the welcome).
      'meeting.hello': featureRoute<HelloMessage>((ctx, p) => {
        p.avatar.rtc = true;
        ctx.greet(p);
      }),
      'meeting.voice': meetingVoiceRoute,
      'meeting.hand': meetingHandRoute,
      'meeting.mute': meetingMuteRoute,
      'meeting.kick': meetingKickRoute,
      'meeting.lock': meetingLockRoute(saveLock),
      'meeting.claim_host': meetingClaimHostRoute(passcode),
      'rtc.signal': rtcSignalRoute,
    },
    opened(ctx) {
      ctx.state.meeting.passcode = passcode !== undefined;
      if (passcode !== undefined && record.lock.saved !== null) ctx.state.meeting.locked = record.lock.saved;
      else if (space.layout.meeting?.locked) {
        if (passcode !== undefined) ctx.state.meeting.locked = true;
        else ctx.log.warn('layout asks for a locked space but HOST_PASSCODES has no passcode for it: left unlocked');
      }
    },
    greet(ctx, p) {
      const message: WelcomeMessage = {
        iceServers: iceServersFor(config, p.sessionId),
        iceTransportPolicy: config.iceTransportPolicy,
        nearest: VOICE_NEAREST,
        maxLinks: VOICE_MAX_LINKS,
      };
      ctx.send(p, 'meeting.welcome', message);
    },
    admit(ctx, options) {
      const holdsPasscode = secretMatches(passcode, options.passcode);
      // One passcode field serves every role (host here, operator in operatorRole.ts): a passcode that
      // matches none of the space's passcodes is refused, so a typo is not silently ignored.
      const operatorPasscode = space.layout.operatorPasscode;
      const known = passcode !== undefined || operatorPasscode !== undefined;
      if (options.passcode !== undefined && known && !holdsPasscode && !secretMatches(operatorPasscode, options.passcode)) {
        throw new ServerError(CloseCode.BAD_PASSCODE, CLOSE_REASONS[CloseCode.BAD_PASSCODE]);
      }
      const tokenHost = options.roles?.includes('host') ?? false;
      if (ctx.state.meeting.locked && !holdsPasscode && !tokenHost)
        throw new ServerError(CloseCode.SPACE_LOCKED, CLOSE_REASONS[CloseCode.SPACE_LOCKED]);
    },
    joined(ctx, p) {
      // A signed join token's `host` role makes a host like the passcode does (JT4).
      const tokenHost = p.joined.roles?.includes('host') ?? false;
      if (passcode !== undefined) p.avatar.host = tokenHost || secretMatches(passcode, p.joined.passcode);
      else p.avatar.host = tokenHost || ![...ctx.participants()].some((o) => o !== p && o.avatar.host);
      if (p.avatar.host) ctx.log.info({ session: p.sessionId }, 'host joined');
    },
    left(ctx, p) {
      if (passcode !== undefined || !p.avatar.host) return;
      if ([...ctx.participants()].some((o) => o.avatar.host)) return;
      // The longest-present person (participants are kept in join order) takes over.
      const next = ctx.participants()[Symbol.iterator]().next();
      if (next.done) return;
      next.value.avatar.host = true;
      ctx.log.info({ session: next.value.sessionId }, 'host passed on');
      const notice: NoticeMessage = { kind: 'host_passed', text: `${p.avatar.name} left; you are the host of this space now.` };
      ctx.send(next.value, 'meeting.notice', notice);
    },
  };
}
