/**
 * The table of JSON client → server messages: name → validator. The server's edge validates every
 * message against it; a feature adds its messages by spreading its own table in here.
 */
import type { z } from './validation.js';
import { MessageType, ProfileMessage } from './messages.js';
import { TwinClientMessages } from './twinMessages.js';
import { MeetingClientMessages } from './meeting.js';
import { ChatClientMessages } from './chat.js';
import { BoardClientMessages } from './board.js';

export const ClientMessages = {
  [MessageType.Profile]: ProfileMessage,
  ...TwinClientMessages,
  ...MeetingClientMessages,
  ...ChatClientMessages,
  ...BoardClientMessages,
} as const;

export type ClientMessageName = keyof typeof ClientMessages;
export type ClientMessage<N extends ClientMessageName> = z.infer<(typeof ClientMessages)[N]>;
