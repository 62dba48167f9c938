/**
 * A space's chat, kept in the server process for as long as it runs (rooms close when the last
 * person leaves; the chat is still there when people come back). Bounded: the oldest lines go first.
 */
import { CHAT_KEEP, type ChatLine } from '../../shared/protocol/chat.js';

export class ChatLog {
  private readonly lines: ChatLine[] = [];
  private nextId = 1;

  constructor(private readonly keep = CHAT_KEEP) {}

  /** Appends a line stamped with the next id and `at` (ms since the epoch); returns it. */
  append(line: Omit<ChatLine, 'id'>): ChatLine {
    const stored: ChatLine = { id: this.nextId++, ...line };
    this.lines.push(stored);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    return stored;
  }

  /** The last `n` lines, oldest first. */
  recent(n: number): ChatLine[] {
    return this.lines.slice(-n);
  }

  get size(): number {
    return this.lines.length;
  }
}
