/**
 * Meetings: people's voice and hand state, the host's powers, and the WebRTC signalling relay.
 * Identity and role always come from the server's session; no payload names its sender. SPEC.md
 * rules V… (voice) and R… (roles) document each message.
 */
import type { JsonClientEntry, ServerEntry } from './entry.js';
import { z } from './validation.js';
import { SessionId } from './values.js';

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
export const IceServer = z.object({
  urls: z.union([z.string(), z.array(z.string())]),
  username: z.optional(z.string()),
  credential: z.optional(z.string()),
});
export type IceServer = z.infer<typeof IceServer>;

/** server → client `meeting.welcome`. */
export const WelcomeMessage = z.object({
  /** From the server's configuration (ICE_SERVERS, TURN_*); empty means host candidates only. */
  iceServers: z.array(IceServer),
  /** `relay` forces every call through TURN (hides people's addresses from each other). */
  iceTransportPolicy: z.enum(['all', 'relay']),
  /** Most audio connections a client should want at once (nearest speakers), V3. */
  nearest: z.number(),
  /** Most peer connections a client accepts in all (wanted by it or by others), V3. */
  maxLinks: z.number(),
});
export type WelcomeMessage = z.infer<typeof WelcomeMessage>;

/** server → client `meeting.notice`: words for the person concerned. */
export const NoticeMessage = z.object({
  kind: z.enum(['muted_by_host', 'hand_lowered', 'host_granted', 'host_passed']),
  text: z.string(),
});
export type NoticeMessage = z.infer<typeof NoticeMessage>;

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
const link = z.number().check(z.int(), z.gte(1), z.lte(2 ** 31 - 1));
/** The five kinds of signal, addressed by `address` (`to` as sent, `from` as relayed). */
function signal<A extends { to: typeof SessionId } | { from: typeof SessionId }>(address: A) {
  return z.discriminatedUnion('kind', [
    z.strictObject({ ...address, kind: z.literal('offer'), link, sdp: Sdp }),
    z.strictObject({ ...address, kind: z.literal('answer'), link, sdp: Sdp }),
    z.strictObject({ ...address, kind: z.literal('candidate'), link, candidate: Candidate }),
    z.strictObject({ ...address, kind: z.literal('want'), on: z.boolean() }),
    z.strictObject({ ...address, kind: z.literal('bye'), link: z.optional(link), busy: z.optional(z.boolean()) }),
  ]);
}
export const SignalMessage = signal({ to: SessionId });
export type SignalMessage = z.infer<typeof SignalMessage>;
/** What a signal says, without its address. */
export type SignalBody = SignalMessage extends infer M ? (M extends { to: string } ? Omit<M, 'to'> : never) : never;

/** server → client `rtc.signal`: as sent, with the sender's session id instead of `to`. */
export const RelayedSignal = signal({ from: SessionId });
export type RelayedSignal = z.infer<typeof RelayedSignal>;

/** The meeting messages' entries of the client → server table. */
export const MeetingClientMessages = {
  'meeting.hello': {
    kind: 'json',
    schema: HelloMessage,
    rate: { perSecond: 1, burst: 3 },
    errors: [],
    doc: '`{}`: I listen now, after joining and after each reconnection (V1, V8, C3, B6)',
  } as const satisfies JsonClientEntry<HelloMessage>,
  'meeting.voice': {
    kind: 'json',
    schema: VoiceMessage,
    rate: { perSecond: 4, burst: 10 },
    errors: [],
    doc: '`{ muted?, mic? }`: my own microphone state (V5, V6)',
  } as const satisfies JsonClientEntry<VoiceMessage>,
  'meeting.hand': {
    kind: 'json',
    schema: HandMessage,
    rate: { perSecond: 2, burst: 5 },
    errors: ['meeting.raise_other', 'meeting.not_host', 'meeting.unknown_person'],
    doc: '`{ raised, target? }`: raise or lower my hand; the host may lower another (R2)',
  } as const satisfies JsonClientEntry<HandMessage>,
  'meeting.mute': {
    kind: 'json',
    schema: MuteMessage,
    rate: { perSecond: 4, burst: 10 },
    errors: ['meeting.not_host', 'meeting.unknown_person'],
    doc: '`{ target }` host only (R3)',
  } as const satisfies JsonClientEntry<MuteMessage>,
  'meeting.kick': {
    kind: 'json',
    schema: KickMessage,
    rate: { perSecond: 2, burst: 5 },
    errors: ['meeting.not_host', 'meeting.unknown_person', 'meeting.self'],
    doc: '`{ target }` host only (R4)',
  } as const satisfies JsonClientEntry<KickMessage>,
  'meeting.lock': {
    kind: 'json',
    schema: LockMessage,
    rate: { perSecond: 1, burst: 3 },
    errors: ['meeting.not_host'],
    doc: '`{ locked }` host only (R5)',
  } as const satisfies JsonClientEntry<LockMessage>,
  'meeting.claim_host': {
    kind: 'json',
    schema: ClaimHostMessage,
    rate: { perSecond: 0.2, burst: 3 },
    errors: ['meeting.no_passcode', 'meeting.bad_passcode'],
    doc: "`{ passcode }`: become host with the space's host passcode (R1)",
  } as const satisfies JsonClientEntry<ClaimHostMessage>,
  /** Generous for the first seconds of a call to 8–16 peers (offer, answer and ~5 candidates each). */
  'rtc.signal': {
    kind: 'json',
    schema: SignalMessage,
    rate: { perSecond: 50, burst: 150 },
    errors: ['rtc.self', 'rtc.peer_unknown'],
    doc: '`{ to, kind: offer | answer | candidate | want | bye, … }` (V1, V3)',
  } as const satisfies JsonClientEntry<SignalMessage>,
} as const;

/** The meeting messages' entries of the server → client table. */
export const MeetingServerMessages = {
  'meeting.welcome': {
    schema: WelcomeMessage,
    doc: '`{ iceServers, iceTransportPolicy, nearest, maxLinks }`, in answer to `meeting.hello` (V8)',
  } satisfies ServerEntry<WelcomeMessage>,
  'meeting.notice': {
    schema: NoticeMessage,
    doc: '`{ kind, text }`: something done to you (R1, R2, R3)',
  } satisfies ServerEntry<NoticeMessage>,
  'rtc.signal': {
    schema: RelayedSignal,
    doc: "as sent, with `from` (the sender's session id) instead of `to` (V1)",
  } satisfies ServerEntry<RelayedSignal>,
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
