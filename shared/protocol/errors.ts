/**
 * Every error the server can send back about something a client sent, and the `error` message that
 * carries it: `{ code, message, ref }` to the sender, plus a log line; the sender's session stays
 * open and nothing already in the state is lost (SPEC M5).
 */
import type { PoseRefusal } from './poseRules.js';
import type { PoseDecodeError } from './pose.js';
import { z } from './validation.js';
import { TWIN_ERRORS } from './twinMessages.js';
import { TWIN_MEMORY_ERRORS } from './twinMemory.js';
import { MEETING_ERRORS } from './meeting.js';
import { CHAT_ERRORS } from './chat.js';
import { BOARD_ERRORS } from './board.js';
import { TIMELINE_ERRORS } from './timeline.js';
import { REACTION_ERRORS } from './reaction.js';
import { VIDEO_ERRORS } from './video.js';

/** Errors of the core protocol: poses and message handling. */
const CORE_ERRORS = {
  'pose.truncated': 'The pose has the wrong length.',
  'pose.format': 'The pose uses an unknown format version.',
  'pose.flags': 'The pose sets flags this server does not know.',
  'pose.not_finite': 'The pose contains a number that is not finite (NaN or infinity).',
  'pose.rotation': 'A rotation in the pose is not a unit quaternion.',
  'pose.out_of_bounds': 'The pose puts the head outside the space.',
  'pose.hand_reach': 'A hand in the pose is farther from the head than an arm can reach.',
  'pose.jump': 'The pose moves farther than walking allows; use a teleport.',
  'pose.teleport_rate': 'Teleports come too fast.',
  'pose.rate': 'Poses come faster than the allowed rate.',
  'message.malformed': 'The message could not be decoded.',
  'message.unknown_type': 'The server does not know this message type.',
  'message.invalid': 'The message does not match its schema.',
  'message.rate': 'Too many messages of this type; slow down.',
  'message.too_large': 'The message is larger than allowed.',
  'message.too_deep': 'The message nests objects or arrays too deeply.',
} as const satisfies Record<PoseDecodeError | PoseRefusal | `${string}.${string}`, string>;

/** Every error code and what it means, in words a person can act on. Features spread their tables in. */
export const ERROR_TEXT = {
  ...CORE_ERRORS,
  ...TWIN_ERRORS,
  ...TWIN_MEMORY_ERRORS,
  ...MEETING_ERRORS,
  ...CHAT_ERRORS,
  ...BOARD_ERRORS,
  ...TIMELINE_ERRORS,
  ...REACTION_ERRORS,
  ...VIDEO_ERRORS,
} as const;

export type ErrorCode = keyof typeof ERROR_TEXT;

/** server → client `error`: a refusal of something this client sent. */
export const ErrorMessage = z.object({
  code: z.enum(Object.keys(ERROR_TEXT) as [ErrorCode, ...ErrorCode[]]),
  /** Words a person can read. */
  message: z.string(),
  /** The message type that caused it. */
  ref: z.string(),
});
export type ErrorMessage = z.infer<typeof ErrorMessage>;
