/**
 * The board as this client knows it: the server's strokes (by id) plus my strokes still being drawn
 * (by my key), in board units. Pure data — the view draws it, the input feeds it. My own pen shows at
 * once from the local copy; the server's echo then only confirms it.
 */
import type { BoardSnapshot, Stroke, StrokePiece } from '../../../shared/protocol/board.js';

export interface LocalStroke {
  key: number;
  color: string;
  width: number;
  points: number[];
  /** Points not yet sent. */
  unsent: number;
  ended: boolean;
}

export type BoardChange =
  /** Draw these new points of stroke `id` (from `from`, a point index, to the end). */
  | { kind: 'extend'; stroke: Stroke; from: number }
  /** Everything changed: redraw all. */
  | { kind: 'redraw' };

export class BoardModel {
  readonly strokes = new Map<number, Stroke>();
  /** My strokes being drawn, by key. */
  readonly local = new Map<number, LocalStroke>();
  /** My keys the server confirmed → stroke id. */
  private readonly confirmed = new Map<number, number>();
  private nextKey = 1;
  private snapshotting = false;

  constructor(private readonly selfId: () => string | null) {}

  /** Starts a stroke of mine at (u, v); returns its key. */
  begin(color: string, width: number, u: number, v: number): LocalStroke {
    const s: LocalStroke = { key: this.nextKey++, color, width, points: [u, v], unsent: 1, ended: false };
    this.local.set(s.key, s);
    return s;
  }

  /** Adds a point to my stroke unless it is within `minStep` units of the last one; returns whether it was added. */
  extend(s: LocalStroke, u: number, v: number, minStep = 4): boolean {
    const n = s.points.length;
    if (Math.hypot(u - s.points[n - 2]!, v - s.points[n - 1]!) < minStep) return false;
    s.points.push(u, v);
    s.unsent++;
    return true;
  }

  /** A piece from the server. Returns what to draw (nothing for my own stroke: it is drawn already). */
  apply(p: StrokePiece): BoardChange | null {
    let s = this.strokes.get(p.id);
    const from = s ? s.points.length / 2 : 0;
    if (!s) {
      s = { id: p.id, by: p.by, color: p.color, width: p.width, points: [] };
      this.strokes.set(p.id, s);
    }
    for (const c of p.points) s.points.push(c);
    const mine = p.by === this.selfId();
    if (mine) {
      this.confirmed.set(p.key, p.id);
      const l = this.local.get(p.key);
      if (l && p.end) {
        this.local.delete(p.key);
        // The server kept fewer points than I drew (cut at a cap): show what it kept.
        if (s.points.length < l.points.length) return { kind: 'redraw' };
      }
      if (l) return null;
    }
    return { kind: 'extend', stroke: s, from };
  }

  /** A snapshot chunk: the first one replaces everything (a fresh join or a reconnection). */
  snapshot(chunk: BoardSnapshot): BoardChange {
    if (!this.snapshotting) {
      this.strokes.clear();
      this.snapshotting = true;
    }
    for (const s of chunk.strokes) this.strokes.set(s.id, { ...s, points: [...s.points] });
    if (chunk.done) this.snapshotting = false;
    return { kind: 'redraw' };
  }

  erase(ids: readonly number[]): BoardChange | null {
    let any = false;
    for (const id of ids) any = this.strokes.delete(id) || any;
    return any ? { kind: 'redraw' } : null;
  }

  clear(): BoardChange {
    this.strokes.clear();
    return { kind: 'redraw' };
  }

  /** A refused piece of mine: drop my preview of that stroke (the server's version stays). */
  dropLocal(key: number): BoardChange | null {
    return this.local.delete(key) ? { kind: 'redraw' } : null;
  }

  /** Stroke id of my key, once the server confirmed it. */
  idOf(key: number): number | undefined {
    return this.confirmed.get(key);
  }

  /** Strokes passing within `radius` units of (u, v), newest first. */
  hit(u: number, v: number, radius: number): number[] {
    const ids: number[] = [];
    for (const s of this.strokes.values()) {
      const r = radius + s.width / 2;
      const p = s.points;
      if (p.length === 2 && Math.hypot(p[0]! - u, p[1]! - v) <= r) ids.push(s.id);
      for (let i = 2; i < p.length; i += 2) {
        if (segmentDistance(u, v, p[i - 2]!, p[i - 1]!, p[i]!, p[i + 1]!) <= r) {
          ids.push(s.id);
          break;
        }
      }
    }
    return ids.reverse();
  }

  /** Every stroke to draw, oldest first, my unconfirmed ones last. */
  *drawable(): Iterable<{ color: string; width: number; points: readonly number[] }> {
    const pendingIds = new Set<number>();
    for (const l of this.local.values()) {
      const id = this.confirmed.get(l.key);
      if (id !== undefined) pendingIds.add(id);
    }
    for (const s of this.strokes.values()) if (!pendingIds.has(s.id)) yield s;
    yield* this.local.values();
  }
}

/** Distance from (px, py) to the segment (ax, ay)–(bx, by). */
export function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const len2 = dx * dx + dy * dy;
  const t = len2 > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2)) : 0;
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}
