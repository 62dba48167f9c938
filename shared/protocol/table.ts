/**
 * The protocol's two message tables, one per direction: name → entry (entry.ts). The server's edge
 * validates and rate-limits every client message from `ClientMessages`; the client's typed `send`
 * and `on` read both; SPEC.md's message list is generated from them (a unit test keeps it so). A
 * feature adds its messages by spreading its own tables in here.
 */
import { check, type z } from './validation.js';
import type { BinaryClientEntry, JsonClientEntry, ServerEntry } from './entry.js';
import type { ErrorCode } from './errors.js';
import { CoreClientMessages, CoreServerMessages } from './messages.js';
import { TwinClientMessages, TwinServerMessages } from './twinMessages.js';
import { TwinMemoryClientMessages, TwinMemoryServerMessages } from './twinMemory.js';
import { ActivityServerMessages } from './activity.js';
import { MeetingClientMessages, MeetingServerMessages } from './meeting.js';
import { ChatClientMessages, ChatServerMessages } from './chat.js';
import { BoardClientMessages, BoardServerMessages } from './board.js';
import { TimelineClientMessages } from './timeline.js';
import { ReactionClientMessages, ReactionServerMessages } from './reaction.js';
import { VideoClientMessages, VideoServerMessages } from './video.js';

/** An entry whose error codes are checked against ERROR_TEXT (the feature tables only know strings). */
type Checked<E> = E extends BinaryClientEntry
  ? E & { readonly rateError: ErrorCode; readonly errors: readonly ErrorCode[] }
  : E & { readonly errors: readonly ErrorCode[] };

/** client → server: every message a client may send. */
export const ClientMessages = {
  ...CoreClientMessages,
  ...TwinClientMessages,
  ...TwinMemoryClientMessages,
  ...MeetingClientMessages,
  ...ChatClientMessages,
  ...BoardClientMessages,
  ...TimelineClientMessages,
  ...ReactionClientMessages,
  ...VideoClientMessages,
} as const satisfies Record<string, Checked<JsonClientEntry> | Checked<BinaryClientEntry>>;

/** server → client: every message the server may send. */
export const ServerMessages = {
  ...CoreServerMessages,
  ...TwinServerMessages,
  ...TwinMemoryServerMessages,
  ...ActivityServerMessages,
  ...MeetingServerMessages,
  ...ChatServerMessages,
  ...BoardServerMessages,
  ...ReactionServerMessages,
  ...VideoServerMessages,
} as const satisfies Record<string, ServerEntry>;

type ClientTable = typeof ClientMessages;

/** Names of every client → server message, binary ones included. */
export type ClientMessageName = keyof ClientTable;
/** Names of the JSON client → server messages (everything but the binary pose). */
export type JsonClientMessageName = { [N in ClientMessageName]: ClientTable[N] extends { kind: 'json' } ? N : never }[ClientMessageName];
/** Names of the binary client → server messages. */
export type BinaryClientMessageName = Exclude<ClientMessageName, JsonClientMessageName>;
/** The payload of JSON client → server message `N`, as it passed validation. */
export type ClientMessage<N extends JsonClientMessageName> = ClientTable[N] extends { schema: infer S extends z.ZodMiniType }
  ? z.infer<S>
  : never;

export type ServerMessageName = keyof typeof ServerMessages;
/** The payload of server → client message `N`. */
export type ServerMessage<N extends ServerMessageName> = z.infer<(typeof ServerMessages)[N]['schema']>;

/** Whether `name` is a client → server message of the table (a guard for names off the wire). */
export function isClientMessageName(name: string): name is ClientMessageName {
  return Object.hasOwn(ClientMessages, name);
}

/** Checks a payload received as server → client message `name` against its schema (the client's side of the edge). */
export function checkServerMessage<N extends ServerMessageName>(name: N, raw: unknown): ReturnType<typeof check<ServerMessage<N>>> {
  // The table's union of validators is widened to this name's payload type.
  return check(ServerMessages[name].schema as unknown as z.ZodMiniType<ServerMessage<N>>, raw);
}
