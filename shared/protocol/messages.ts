/**
 * The protocol's core messages: join options, `pose`, `profile` (and its `profile.color` answer) and `error`, as entries of the
 * message tables (table.ts gathers them with the features' own). SPEC.md's message list is generated
 * from the tables.
 */
import { z } from './validation.js';
import { ErrorMessage } from './errors.js';
import type { BinaryClientEntry, JsonClientEntry, ServerEntry } from './entry.js';
import { POSE_MAX_HZ } from './pose.js';
import { AvatarColor, AvatarStyle, ClientMode, DisplayName, SpaceName } from './values.js';
import { PROTOCOL_VERSION } from './version.js';

/** Largest JSON message a client may send, bytes (the WebSocket frame limit is set from it). */
export const MAX_MESSAGE_BYTES = 16 * 1024;

/** Options a client passes to `joinOrCreate(ROOM_NAME, options)`. */
export const JoinOptions = z.strictObject({
  /** Must equal the server's PROTOCOL_VERSION (SPEC J2). */
  protocol: z.number().check(z.int()),
  space: SpaceName,
  name: DisplayName,
  /** Left out: the server picks a colour unlike everyone present's (SPEC AV2). */
  color: z.optional(AvatarColor),
  /** Left out: the server picks the style fewest people present wear (SPEC AV1). */
  style: z.optional(AvatarStyle),
  mode: z.optional(ClientMode),
  /** A passcode that grants roles the space is configured with (host, operator); SPEC J5. */
  passcode: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  /** A signed join token (JWT) naming the person, the space and their roles; SPEC JT1–JT5. */
  token: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});
export type JoinOptions = z.infer<typeof JoinOptions>;

/** Builds join options with the current protocol version filled in. */
export function joinOptions(o: Omit<JoinOptions, 'protocol'>): JoinOptions {
  return { protocol: PROTOCOL_VERSION, ...o };
}

/** client → server: change what others see of me. */
export const ProfileMessage = z.strictObject({
  name: z.optional(DisplayName),
  color: z.optional(AvatarColor),
  style: z.optional(AvatarStyle),
  mode: z.optional(ClientMode),
});
export type ProfileMessage = z.infer<typeof ProfileMessage>;

/**
 * `ping { id }` → `pong { id }` (SPEC M7): a round trip that changes nothing. One socket keeps order
 * both ways, so once the pong is here the server has handled everything sent before the ping, and
 * everything it sent before the pong has arrived (latency shown to a person; barriers in tests).
 */
export const PingMessage = z.strictObject({ id: z.number().check(z.int(), z.gte(0), z.lte(2 ** 31 - 1)) });
export type PingMessage = z.infer<typeof PingMessage>;

/**
 * server → client `profile.color { asked, color }` (SPEC AV6): the answer to a `profile` that carried
 * a colour, to its sender only, right after the server decided. `asked` is the colour the profile
 * carried, `color` the one the person wears now (AV2 may have replaced it). Answers come in the order
 * of the profiles, so the answer to a person's latest ask is the one whose `asked` matches it last.
 */
export const ProfileColorMessage = z.strictObject({ asked: AvatarColor, color: AvatarColor });
export type ProfileColorMessage = z.infer<typeof ProfileColorMessage>;

const POSE_ERRORS = [
  'pose.truncated',
  'pose.format',
  'pose.flags',
  'pose.not_finite',
  'pose.rotation',
  'pose.out_of_bounds',
  'pose.hand_reach',
  'pose.jump',
  'pose.teleport_rate',
] as const;

/** The core client → server messages, for the table. */
export const CoreClientMessages = {
  /**
   * The sender's pose, binary (pose.ts): sustained at the protocol's maximum; the burst absorbs one
   * second of backlog, so a stalled network or server delivering an honest client's queued poses at
   * once is not refused (P11). The sustained rate still holds a flood.
   */
  pose: {
    kind: 'binary',
    rate: { perSecond: POSE_MAX_HZ, burst: POSE_MAX_HZ },
    rateError: 'pose.rate',
    errors: POSE_ERRORS,
    doc: '62-byte pose, **binary** (`room.sendBytes`), P1–P9, P11',
  } as const satisfies BinaryClientEntry,
  profile: {
    kind: 'json',
    schema: ProfileMessage,
    rate: { perSecond: 2, burst: 5 },
    errors: [],
    doc: '`{ name?, color?, style?, mode? }` (same rules as J1), M2, AV1–AV3',
  } as const satisfies JsonClientEntry<ProfileMessage>,
  ping: {
    kind: 'json',
    schema: PingMessage,
    rate: { perSecond: 10, burst: 20 },
    errors: [],
    doc: '`{ id }`: answered with `pong { id }` to the sender only, nothing changes (M7)',
  } as const satisfies JsonClientEntry<PingMessage>,
} as const;

/** The core server → client messages, for the table. */
export const CoreServerMessages = {
  error: { schema: ErrorMessage, doc: '`{ code, message, ref }`: something you sent was refused (M5)' } satisfies ServerEntry<ErrorMessage>,
  pong: { schema: PingMessage, doc: '`{ id }`: the answer to your `ping` (M7)' } satisfies ServerEntry<PingMessage>,
  'profile.color': {
    schema: ProfileColorMessage,
    doc: '`{ asked, color }`: the colour you wear after a `profile` that asked for `asked` (AV2, AV6)',
  } satisfies ServerEntry<ProfileColorMessage>,
} as const;
