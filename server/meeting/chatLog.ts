/**
 * A space's chat, kept in the server process for as long as it runs (rooms close when the last
 * person leaves; the chat is still there when people come back) and handed to `saved` line by line so
 * the store keeps it across restarts (SPEC RS1). Bounded: the oldest lines go first.
 */
import { CHAT_KEEP, type ChatLine } from '../../shared/protocol/chat.js';

export class ChatLog {
  private lines: ChatLine[] = [];
  private nextId = 1;

  constructor(
    private readonly keep = CHAT_KEEP,
    private readonly saved: (line: ChatLine) => void = () => undefined,
  ) {}

  /** Appends a line stamped with the next id and `at` (ms since the epoch); returns it. */
  append(line: Omit<ChatLine, 'id'>): ChatLine {
    const stored: ChatLine = { id: this.nextId++, ...line };
    this.lines.push(stored);
    if (this.lines.length > this.keep) this.lines.splice(0, this.lines.length - this.keep);
    this.saved(stored);
    return stored;
  }

  /**
   * Takes lines saved before a restart: merged by id with any written since (those come after, see
   * {@link startIdsAt}), the newest `keep` kept, and new ids continue after the highest.
   */
  restore(saved: readonly ChatLine[]): void {
    const byId = new Map<number, ChatLine>();
    for (const l of [...saved, ...this.lines]) byId.set(l.id, l);
    this.lines = [...byId.values()].sort((a, b) => a.id - b.id).slice(-this.keep);
    this.startIdsAt(Math.max(0, ...saved.map((l) => l.id)) + 1);
  }

  /** New ids start at `id` or later (ids only ever grow: clients deduplicate by id). */
  startIdsAt(id: number): void {
    this.nextId = Math.max(this.nextId, id);
  }

  /** The last `n` lines, oldest first. */
  recent(n: number): ChatLine[] {
    return this.lines.slice(-n);
  }

  get size(): number {
    return this.lines.length;
  }
}
