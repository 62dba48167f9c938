/**
 * A machine's memory (SPEC AK*, NT*): acknowledging an active alarm and writing a lifecycle note
 * (maintenance, inspection, a part replaced, an observation). Both directions' entries of the message
 * tables, the note text rules both sides apply, and the error words spread into ERROR_TEXT.
 */
import type { JsonClientEntry, ServerEntry } from './entry.js';
import { z } from './validation.js';
import { TwinId } from './values.js';

/** What a lifecycle note records. */
export const NOTE_KINDS = ['maintenance', 'inspection', 'part_replaced', 'observation'] as const;
export const NoteKind = z.enum(NOTE_KINDS);
export type NoteKind = z.infer<typeof NoteKind>;

/** Longest note, characters (UTF-16 units) after trimming. */
export const NOTE_MAX_CHARS = 2000;

export const TwinAlarmAckMessage = z.strictObject({
  twin: TwinId,
  /** Alarm id from the definition's `tv:twin.alarms`; it must be active now. */
  alarm: z.string().check(z.minLength(1), z.maxLength(64)),
});
export type TwinAlarmAckMessage = z.infer<typeof TwinAlarmAckMessage>;

/**
 * The wire schema takes any text up to 8 KB so the handler can refuse with a specific reason (empty,
 * too long, control characters): NT1.
 */
export const TwinNoteMessage = z.strictObject({
  twin: TwinId,
  kind: NoteKind,
  text: z.string().check(z.maxLength(8192)),
});
export type TwinNoteMessage = z.infer<typeof TwinNoteMessage>;

/** A lifecycle note as stored, broadcast (`twin.note_added`) and served by `GET /api/twins/:id/notes`. */
export const TwinNote = z.object({
  /** UUID. */
  id: z.string(),
  /** Written at, ms since the Unix epoch (server time). */
  at: z.number(),
  kind: NoteKind,
  text: z.string(),
  /** Display name of who wrote it, at the time. */
  by: z.string(),
});
export type TwinNote = z.infer<typeof TwinNote>;

/** server → client `twin.note_added`: a note written on a machine of this space. */
export const TwinNoteAddedMessage = z.object({ twin: z.string(), note: TwinNote });
export type TwinNoteAddedMessage = z.infer<typeof TwinNoteAddedMessage>;

// Control characters (tab and newline allowed) and the bidirectional overrides that disguise text.
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export type NoteRefusal = 'note.empty' | 'note.too_long' | 'note.bad_characters';

/** Cleans and judges a note's text (NT1): the text to store, or why it is refused. */
export function cleanNoteText(raw: string): { ok: true; text: string } | { ok: false; code: NoteRefusal } {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) return { ok: false, code: 'note.empty' };
  if (text.length > NOTE_MAX_CHARS) return { ok: false, code: 'note.too_long' };
  if (FORBIDDEN.test(text)) return { ok: false, code: 'note.bad_characters' };
  return { ok: true, text };
}

/** The memory messages' entries of the client → server table. */
export const TwinMemoryClientMessages = {
  'twin.alarm_ack': {
    kind: 'json',
    schema: TwinAlarmAckMessage,
    rate: { perSecond: 2, burst: 5 },
    errors: [
      'twin.unknown',
      'twin.operators_only',
      'twin.unknown_alarm',
      'twin.alarm_acknowledged',
      'twin.owner_unreachable',
      'twin.replay',
    ],
    doc: '`{ twin, alarm }`: acknowledge an active alarm (AK1, AK2)',
  } as const satisfies JsonClientEntry<TwinAlarmAckMessage>,
  'twin.note': {
    kind: 'json',
    schema: TwinNoteMessage,
    rate: { perSecond: 1, burst: 3 },
    errors: ['twin.unknown', 'twin.operators_only', 'note.empty', 'note.too_long', 'note.bad_characters'],
    doc: '`{ twin, kind, text }`: write a lifecycle note on a machine (NT1, NT2)',
  } as const satisfies JsonClientEntry<TwinNoteMessage>,
} as const;

/** The memory messages' entries of the server → client table. */
export const TwinMemoryServerMessages = {
  'twin.note_added': {
    schema: TwinNoteAddedMessage,
    doc: '`{ twin, note: { id, at, kind, text, by } }`: a note on a machine here (NT2)',
  } satisfies ServerEntry<TwinNoteAddedMessage>,
} as const;

export const TWIN_MEMORY_ERRORS = {
  'twin.operators_only': 'Only operators and the host may acknowledge alarms and write notes: join with the operator passcode.',
  'twin.unknown_alarm': 'This machine has no active alarm with that id (it may have cleared).',
  'twin.alarm_acknowledged': 'This alarm is already acknowledged.',
  'note.empty': 'A note needs at least one visible character.',
  'note.too_long': `A note has at most ${NOTE_MAX_CHARS} characters.`,
  'note.bad_characters': 'A note cannot contain control characters or direction overrides.',
} as const;
