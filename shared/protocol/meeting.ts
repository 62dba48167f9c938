/**
 * Meetings: people's voice and hand state, the host's powers, and the WebRTC signalling relay.
 * Identity and role always come from the server's session; no payload names its sender. SPEC.md
 * rules V… (voice) and R… (roles) document each message.
 */
import { z } from './validation.js';

/** Message names of the meeting feature. */
export const MeetingMessage = {
  /**
   * client → server, after joining and after each reconnection, once the client listens: the server
   * answers with `meeting.welcome`, `chat.history` and `board.snapshot` (V8, C3, B6).
   */
  Hello: 'meeting.hello',
  /** client → server: my own microphone state `{ muted?, mic? }` (V5). */
  Voice: 'meeting.voice',
  /** client → server: raise or lower my hand; the host may lower someone else's (R2). */
  Hand: 'meeting.hand',
  /** client → server, host only: mute someone (R3). */
  Mute: 'meeting.mute',
  /** client → server, host only: remove someone from the space (R4). */
  Kick: 'meeting.kick',
  /** client → server, host only: lock or unlock the space (R5). */
  Lock: 'meeting.lock',
  /** client → server: become host with the space's host passcode (R1). */
  ClaimHost: 'meeting.claim_host',
  /** server → client, in answer to `meeting.hello`: ICE servers and limits (V8). */
  Welcome: 'meeting.welcome',
  /** server → client: something the host did to you, in words (R3). */
  Notice: 'meeting.notice',
  /** both ways: WebRTC signalling between two members of one space (V1). */
  Signal: 'rtc.signal',
} as const;

/** A Colyseus session id as it appears in the state's `avatars` keys. */
export const SessionId = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a session id is letters, digits, - and _'));

export const HelloMessage = z.strictObject({});
export type HelloMessage = z.infer<typeof HelloMessage>;

export const VoiceMessage = z.strictObject({
  /** My microphone is muted (by me). */
  muted: z.optional(z.boolean()),
  /** I have a working microphone (false: listening only). */
  mic: z.optional(z.boolean()),
});
export type VoiceMessage = z.infer<typeof VoiceMessage>;

export const HandMessage = z.strictObject({
  raised: z.boolean(),
  /** Host only, and only to lower: whose hand. Omitted: my own. */
  target: z.optional(SessionId),
});
export type HandMessage = z.infer<typeof HandMessage>;

export const MuteMessage = z.strictObject({ target: SessionId });
export type MuteMessage = z.infer<typeof MuteMessage>;

export const KickMessage = z.strictObject({ target: SessionId });
export type KickMessage = z.infer<typeof KickMessage>;

export const LockMessage = z.strictObject({ locked: z.boolean() });
export type LockMessage = z.infer<typeof LockMessage>;

export const ClaimHostMessage = z.strictObject({ passcode: z.string().check(z.minLength(1), z.maxLength(64)) });
export type ClaimHostMessage = z.infer<typeof ClaimHostMessage>;

/** One STUN or TURN server, as `RTCIceServer` takes it. */
export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

/** server → client `meeting.welcome`. */
export interface WelcomeMessage {
  /** From the server's configuration (ICE_SERVERS, TURN_*); empty means host candidates only. */
  iceServers: IceServer[];
  /** `relay` forces every call through TURN (hides people's addresses from each other). */
  iceTransportPolicy: 'all' | 'relay';
  /** Most audio connections a client should want at once (nearest speakers), V3. */
  nearest: number;
  /** Most peer connections a client accepts in all (wanted by it or by others), V3. */
  maxLinks: number;
}

/** server → client `meeting.notice`: words for the person concerned. */
export interface NoticeMessage {
  kind: 'muted_by_host' | 'hand_lowered' | 'host_granted' | 'host_passed';
  text: string;
}

// --- WebRTC signalling ---------------------------------------------------------------------------

/** Longest SDP accepted, characters (audio + one screen-share video with many codecs fits in ~8 KB). */
export const MAX_SDP_CHARS = 12_000;

const Sdp = z.string().check(z.minLength(1), z.maxLength(MAX_SDP_CHARS));
const Candidate = z.strictObject({
  candidate: z.string().check(z.maxLength(1024)),
  sdpMid: z.optional(z.nullable(z.string().check(z.maxLength(32)))),
  sdpMLineIndex: z.optional(z.nullable(z.number().check(z.int(), z.gte(0), z.lte(64)))),
  usernameFragment: z.optional(z.nullable(z.string().check(z.maxLength(256)))),
});

/**
 * What one peer says to another (SPEC V1, V3). Of each pair, the person with the smaller session id
 * is the **caller**: only it creates a link (a peer connection), numbering each new one with an
 * increasing `link`; offers, answers, candidates and byes carry that number, so a message about an
 * older link is recognised and dropped. `want` says whether the sender wants a link with the receiver
 * (a link lives while either side wants it); `bye` ends link `link` (`busy`: the sender is at its
 * link limit, ask again later). `to` is the receiver's session id; the server replaces it with `from`.
 */
const to = { to: SessionId };
const link = z.number().check(z.int(), z.gte(1), z.lte(2 ** 31 - 1));
export const SignalMessage = z.discriminatedUnion('kind', [
  z.strictObject({ ...to, kind: z.literal('offer'), link, sdp: Sdp }),
  z.strictObject({ ...to, kind: z.literal('answer'), link, sdp: Sdp }),
  z.strictObject({ ...to, kind: z.literal('candidate'), link, candidate: Candidate }),
  z.strictObject({ ...to, kind: z.literal('want'), on: z.boolean() }),
  z.strictObject({ ...to, kind: z.literal('bye'), link: z.optional(link), busy: z.optional(z.boolean()) }),
]);
export type SignalMessage = z.infer<typeof SignalMessage>;
/** What a signal says, without its address. */
export type SignalBody = SignalMessage extends infer M ? (M extends { to: string } ? Omit<M, 'to'> : never) : never;

/** server → client `rtc.signal`: as sent, with the sender's session id instead of `to`. */
export type RelayedSignal = SignalBody & { from: string };

/** Client → server meeting messages, for the protocol table. */
export const MeetingClientMessages = {
  [MeetingMessage.Hello]: HelloMessage,
  [MeetingMessage.Voice]: VoiceMessage,
  [MeetingMessage.Hand]: HandMessage,
  [MeetingMessage.Mute]: MuteMessage,
  [MeetingMessage.Kick]: KickMessage,
  [MeetingMessage.Lock]: LockMessage,
  [MeetingMessage.ClaimHost]: ClaimHostMessage,
  [MeetingMessage.Signal]: SignalMessage,
} as const;

/** Voice topology defaults (V3): want the nearest 8 speakers, accept at most 16 links. */
export const VOICE_NEAREST = 8;
export const VOICE_MAX_LINKS = 16;

export const MEETING_ERRORS = {
  'meeting.not_host': 'Only the host can do that.',
  'meeting.unknown_person': 'That person is not in this space.',
  'meeting.self': 'You cannot do that to yourself.',
  'meeting.bad_passcode': 'The host passcode is wrong.',
  'meeting.no_passcode': 'This space has no host passcode; its host is whoever opened it.',
  'meeting.raise_other': 'You can only raise your own hand.',
  'rtc.peer_unknown': 'The person you are calling is not in this space.',
  'rtc.self': 'A connection to yourself makes no sense.',
} as const;
