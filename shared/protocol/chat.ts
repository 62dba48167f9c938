/**
 * Text chat: what a client sends, what everyone receives, and the limits (SPEC C1–C5). The server
 * keeps a space's chat for as long as it runs (rooms come and go as people leave and return).
 */
import type { JsonClientEntry, ServerEntry } from './entry.js';
import { z } from './validation.js';

/** Longest chat message, characters (UTF-16 units) after trimming. */
export const CHAT_MAX_CHARS = 500;
/** Most lines the server keeps per space (oldest dropped first). */
export const CHAT_KEEP = 2000;
/** Lines a client receives in `chat.history`. */
export const CHAT_HISTORY_ON_JOIN = 200;

/**
 * The wire schema is deliberately loose (any string up to 4 KB) so the handler can refuse with a
 * specific reason: empty, too long, or characters that disguise text (C2).
 */
export const ChatSendMessage = z.strictObject({ text: z.string().check(z.maxLength(4096)) });
export type ChatSendMessage = z.infer<typeof ChatSendMessage>;

/** One line of a space's chat, as the server stores and sends it (server → client `chat.line`). */
export const ChatLine = z.object({
  /** Increasing per space, from 1. */
  id: z.number(),
  /** Server time, milliseconds since the Unix epoch. */
  at: z.number(),
  /** `chat`: someone said `text`; `join` / `leave`: `name` came or went; `system`: `text` from the server. */
  kind: z.enum(['chat', 'join', 'leave', 'system']),
  /** Session id of the person (empty for system lines). */
  from: z.string(),
  /** Their display name and colour when the line was written. */
  name: z.string(),
  color: z.string(),
  text: z.string(),
});
export type ChatLine = z.infer<typeof ChatLine>;

/** server → client `chat.history`, in answer to `meeting.hello`: the most recent lines. */
export const ChatHistoryMessage = z.object({ lines: z.array(ChatLine) });
export type ChatHistoryMessage = z.infer<typeof ChatHistoryMessage>;

// Control characters, and the bidirectional overrides that can make text read differently than it is.
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

export type ChatRefusal = 'chat.empty' | 'chat.too_long' | 'chat.bad_characters';

/** Cleans and judges a chat text: returns the text to store, or why it is refused. */
export function cleanChatText(raw: string): { ok: true; text: string } | { ok: false; code: ChatRefusal } {
  const text = raw.replace(/\r\n?/g, '\n').trim();
  if (text.length === 0) return { ok: false, code: 'chat.empty' };
  if (text.length > CHAT_MAX_CHARS) return { ok: false, code: 'chat.too_long' };
  if (FORBIDDEN.test(text)) return { ok: false, code: 'chat.bad_characters' };
  return { ok: true, text };
}

/** The chat's entry of the client → server table. */
export const ChatClientMessages = {
  'chat.send': {
    kind: 'json',
    schema: ChatSendMessage,
    rate: { perSecond: 1, burst: 5 },
    errors: ['chat.empty', 'chat.too_long', 'chat.bad_characters'],
    doc: '`{ text }`: say something (C1, C2)',
  } as const satisfies JsonClientEntry<ChatSendMessage>,
} as const;

/** The chat's entries of the server → client table. */
export const ChatServerMessages = {
  'chat.line': {
    schema: ChatLine,
    doc: '`{ id, at, kind: chat | join | leave | system, from, name, color, text }` (C1)',
  } satisfies ServerEntry<ChatLine>,
  'chat.history': {
    schema: ChatHistoryMessage,
    doc: '`{ lines }`, in answer to `meeting.hello` (C3)',
  } satisfies ServerEntry<ChatHistoryMessage>,
} as const;

export const CHAT_ERRORS = {
  'chat.empty': 'A chat message needs some text.',
  'chat.too_long': `A chat message has at most ${CHAT_MAX_CHARS} characters.`,
  'chat.bad_characters': 'The message contains control or text-direction characters.',
} as const satisfies Record<ChatRefusal, string>;
