/**
 * The chat as this client knows it: lines in id order, each once (history after a reconnection
 * overlaps what was already here), at most {@link KEEP} of them.
 */
import type { ChatLine } from '../../../shared/protocol/chat.js';
import { Listeners } from '../../core/listeners.js';
import { clockText } from '../../core/clock.js';

const KEEP = 500;

export class ChatModel {
  readonly lines: ChatLine[] = [];
  private readonly listeners = new Listeners<readonly ChatLine[]>();
  /** Lines up to this id came in a history snapshot: said before we looked, so not unread (UX5). */
  private readThrough = 0;

  /** A history snapshot (on joining, after a reconnection): its lines count as read. */
  addHistory(history: readonly ChatLine[]): void {
    for (const l of history) this.readThrough = Math.max(this.readThrough, l.id);
    this.add(history);
  }

  /** Whether a line is news to this person (arrived live, not in a history snapshot). */
  isNews(l: ChatLine): boolean {
    return l.id > this.readThrough;
  }

  /** Adds lines not seen yet (any order); tells listeners which were new. */
  add(incoming: readonly ChatLine[]): void {
    const known = new Set(this.lines.map((l) => l.id));
    const added = incoming.filter((l) => !known.has(l.id));
    if (added.length === 0) return;
    this.lines.push(...added);
    this.lines.sort((a, b) => a.id - b.id);
    if (this.lines.length > KEEP) this.lines.splice(0, this.lines.length - KEEP);
    this.listeners.emit(added);
  }

  onAdded(l: (added: readonly ChatLine[]) => void): () => void {
    return this.listeners.add(l);
  }
}

/** A line as one sentence: "Ada: hello", "Ada joined". */
export function describeLine(l: ChatLine): string {
  return l.kind === 'chat' ? `${l.name}: ${l.text}` : l.kind === 'system' ? l.text : `${l.name} ${l.text}`;
}

/** "14:05" in the viewer's clock ("28 Nov 14:05" when not today). */
export function clock(at: number): string {
  return clockText(at);
}
