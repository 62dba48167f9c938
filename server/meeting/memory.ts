/**
 * The process-level home of what must outlive a room: each space's chat and board. Rooms dispose when
 * the last person leaves; the record stays, so people coming back find the board as they left it
 * (SPEC C3, B6). Bounded: beyond `maxIdle` spaces without a room, the longest idle is forgotten, so
 * someone opening thousands of throwaway spaces cannot grow the process without limit.
 */
import { BoardStore } from './boardStore.js';
import { ChatLog } from './chatLog.js';

export interface SpaceRecord {
  readonly chat: ChatLog;
  readonly board: BoardStore;
}

interface Entry {
  record: SpaceRecord;
  rooms: number;
  idleSince: number;
}

export class SpaceMemory {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly maxIdle = 500) {}

  /** The record of `space`, kept while a room uses it; call `release` when the room closes. */
  open(space: string): SpaceRecord {
    let e = this.entries.get(space);
    if (!e) {
      e = { record: { chat: new ChatLog(), board: new BoardStore() }, rooms: 0, idleSince: 0 };
      this.entries.set(space, e);
    }
    e.rooms++;
    return e.record;
  }

  release(space: string, now = Date.now()): void {
    const e = this.entries.get(space);
    if (!e) return;
    e.rooms = Math.max(0, e.rooms - 1);
    if (e.rooms === 0) e.idleSince = now;
    const idle = [...this.entries].filter(([, x]) => x.rooms === 0).sort((a, b) => a[1].idleSince - b[1].idleSince);
    for (let i = 0; i < idle.length - this.maxIdle; i++) this.entries.delete(idle[i]![0]);
  }

  has(space: string): boolean {
    return this.entries.has(space);
  }
}
