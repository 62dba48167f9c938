/**
 * The protocol's core messages and value types: names, payload schemas (the runtime validators) and
 * the payload types derived from them. Features define their messages in their own modules; table.ts
 * gathers every client → server message for the server's edge. SPEC.md documents each entry.
 */
import { z } from './validation.js';
import type { ErrorCode } from './errors.js';
import { PROTOCOL_VERSION } from './version.js';

/** Message names on the wire. */
export const MessageType = {
  /** client → server, binary: the sender's pose (pose.ts). */
  Pose: 'pose',
  /** client → server: change display name or colour. */
  Profile: 'profile',
  /** server → client: something the client sent was refused. */
  Error: 'error',
} as const;
export type MessageType = (typeof MessageType)[keyof typeof MessageType];

/** Largest JSON message a client may send, bytes (the WebSocket frame limit is set from it). */
export const MAX_MESSAGE_BYTES = 16 * 1024;

/** A display name: 1–32 characters after trimming, no control characters, no lone surrogates (SPEC HD2). */
export const DisplayName = z
  .string()
  .check(
    z.trim(),
    z.minLength(1, 'a name needs at least one visible character'),
    z.maxLength(32, 'a name has at most 32 characters'),
    z.regex(/^[^\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]+$/u, 'a name cannot contain control characters or broken (lone surrogate) characters'),
  );

/** An avatar colour as `#rrggbb`. */
export const AvatarColor = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour is written #rrggbb'));

/** A space name as it appears in `?space=`: 1–48 of a–z, 0–9, `-`, `_`. */
export const SpaceName = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'a space name has 1–48 characters: a–z, 0–9, - and _'));

export const ClientMode = z.enum(['desktop', 'vr', 'ar']);
export type ClientMode = z.infer<typeof ClientMode>;

/** Options a client passes to `joinOrCreate(ROOM_NAME, options)`. */
export const JoinOptions = z.strictObject({
  /** Must equal the server's PROTOCOL_VERSION (SPEC J2). */
  protocol: z.number().check(z.int()),
  space: SpaceName,
  name: DisplayName,
  color: AvatarColor,
  mode: z.optional(ClientMode),
  /** A passcode that grants roles the space is configured with (host, operator); SPEC J5. */
  passcode: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
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
  mode: z.optional(ClientMode),
});
export type ProfileMessage = z.infer<typeof ProfileMessage>;

/** server → client: a refusal of something this client sent. */
export interface ErrorMessage {
  code: ErrorCode;
  /** Words a person can read. */
  message: string;
  /** The message type that caused it. */
  ref: string;
}
