/**
 * Value types the messages are made of (names, colours, ids): validators and the types derived from
 * them. Their own file so that every message module can use them without importing another one.
 */
import { z } from './validation.js';
import { AVATAR_STYLES } from '../avatar/styles.js';

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

/** An avatar style id (SPEC AV1): one of {@link AVATAR_STYLES}. */
export const AvatarStyle = z.enum(AVATAR_STYLES, { error: `a style is one of ${AVATAR_STYLES.join(', ')}` });
export type AvatarStyle = z.infer<typeof AvatarStyle>;

/**
 * How a person is present: `desktop`, `phone` or `tablet` (the screen the page runs on, SPEC UX10),
 * `vr` or `ar` (an immersive session).
 */
export const ClientMode = z.enum(['desktop', 'phone', 'tablet', 'vr', 'ar']);
export type ClientMode = z.infer<typeof ClientMode>;

/** A Colyseus session id as it appears in the state's `avatars` keys. */
export const SessionId = z
  .string()
  .check(z.minLength(1), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/, 'a session id is letters, digits, - and _'));

/** A twin id: the definition's file name (assets/twins/<id>.td.json). */
export const TwinId = z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,47}$/, 'a twin id has 1–48 characters: a–z, 0–9, - and _'));

/** A finite number (JSON has no NaN or infinity, but msgpack does). */
export const Finite = z.number().check(z.refine(Number.isFinite, 'must be a finite number'));
