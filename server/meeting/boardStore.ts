/**
 * A space's board: every stroke, with caps on points per stroke, strokes and points per board (SPEC
 * B3). Lives in the server process like the chat, so the board survives everyone leaving, and tells
 * its {@link BoardSink} each change so the store keeps it across restarts (SPEC RS2). Knows nothing
 * of rooms or sockets: the board feature turns its results into messages.
 */
import {
  BOARD_MAX_OPEN_STROKES,
  BOARD_MAX_POINTS,
  BOARD_MAX_STROKE_POINTS,
  BOARD_MAX_STROKES,
  BOARD_SNAPSHOT_CHUNK,
  type Stroke,
  type StrokeMessage,
  type StrokePiece,
} from '../../shared/protocol/board.js';

/** The piece to relay (possibly cut short, then with the reason), or a refusal with nothing to relay. */
export type PieceResult = { piece: StrokePiece; refusal?: BoardRefusal } | { piece?: undefined; refusal: BoardRefusal };
export type BoardRefusal = 'board.full' | 'board.stroke_too_long';

/** Where the board's changes go to be kept (the store); nothing by default. */
export interface BoardSink {
  /** Points added to stroke `stroke.id` (the first call creates it). */
  piece(stroke: Omit<Stroke, 'points'>, points: readonly number[]): void;
  erased(ids: readonly number[]): void;
  cleared(): void;
}

const NO_SINK: BoardSink = { piece: () => undefined, erased: () => undefined, cleared: () => undefined };

export class BoardStore {
  private strokes = new Map<number, Stroke>();
  /** Strokes still being drawn, by author session id, then by the author's key (insertion = age). */
  private readonly open = new Map<string, Map<number, Stroke>>();
  private nextId = 1;
  private points = 0;

  constructor(private readonly sink: BoardSink = NO_SINK) {}

  get strokeCount(): number {
    return this.strokes.size;
  }

  get pointCount(): number {
    return this.points;
  }

  /**
   * Adds a piece of stroke `m.key` by `by`. The first piece opens the stroke (refused when the board is
   * full); pieces beyond the stroke's cap are cut and the stroke ends there.
   */
  piece(by: string, m: StrokeMessage): PieceResult {
    let mine = this.open.get(by);
    let stroke = mine?.get(m.key);
    const incoming = m.points.length / 2;
    const created = !stroke;
    if (!stroke) {
      if (this.strokes.size >= BOARD_MAX_STROKES || this.points + incoming > BOARD_MAX_POINTS) return { refusal: 'board.full' };
      stroke = { id: this.nextId++, by, color: m.color, width: m.width, points: [] };
      this.strokes.set(stroke.id, stroke);
      if (!mine) this.open.set(by, (mine = new Map()));
      mine.set(m.key, stroke);
      // A person has at most a few pens down: the oldest open stroke is taken as finished.
      if (mine.size > BOARD_MAX_OPEN_STROKES) mine.delete(mine.keys().next().value!);
    }
    const strokeRoom = BOARD_MAX_STROKE_POINTS - stroke.points.length / 2;
    const boardRoom = BOARD_MAX_POINTS - this.points;
    const take = Math.max(0, Math.min(strokeRoom, boardRoom, incoming));
    const added = take === incoming ? m.points : m.points.slice(0, take * 2);
    for (const c of added) stroke.points.push(c);
    this.points += take;
    if (created || added.length > 0) this.sink.piece({ id: stroke.id, by: stroke.by, color: stroke.color, width: stroke.width }, added);
    const cut = take < incoming;
    const end = m.end || cut;
    if (end) mine!.delete(m.key);
    const piece = this.pieceOf(stroke, m.key, added, end);
    if (!cut) return { piece };
    return { piece, refusal: strokeRoom <= boardRoom ? 'board.stroke_too_long' : 'board.full' };
  }

  /** The session that drew stroke `id`, or undefined when it is gone (B4: who may erase it). */
  authorOf(id: number): string | undefined {
    return this.strokes.get(id)?.by;
  }

  /** Removes the strokes that exist among `ids`; returns those removed. */
  erase(ids: readonly number[]): number[] {
    const removed: number[] = [];
    for (const id of ids) {
      const s = this.strokes.get(id);
      if (!s) continue;
      this.strokes.delete(id);
      this.points -= s.points.length / 2;
      this.open.get(s.by)?.forEach((o, key, map) => o === s && map.delete(key));
      removed.push(id);
    }
    if (removed.length > 0) this.sink.erased(removed);
    return removed;
  }

  clear(): void {
    this.strokes.clear();
    this.open.clear();
    this.points = 0;
    this.sink.cleared();
  }

  /**
   * Takes strokes saved before a restart, ahead of any drawn since (those have higher ids, see
   * {@link startIdsAt}), within the board's caps; new ids continue after the highest.
   */
  restore(saved: readonly Stroke[]): void {
    const merged = new Map<number, Stroke>();
    let points = 0;
    for (const s of [...saved, ...this.strokes.values()]) {
      const n = s.points.length / 2;
      if (merged.has(s.id) || merged.size >= BOARD_MAX_STROKES || points + n > BOARD_MAX_POINTS) continue;
      merged.set(s.id, s);
      points += n;
    }
    this.strokes = merged;
    this.points = points;
    this.startIdsAt(Math.max(0, ...saved.map((s) => s.id)) + 1);
  }

  /** New stroke ids start at `id` or later. */
  startIdsAt(id: number): void {
    this.nextId = Math.max(this.nextId, id);
  }

  /** The person is gone: their open strokes count as finished. */
  endAll(by: string): void {
    this.open.delete(by);
  }

  /** All strokes in chunks of at most {@link BOARD_SNAPSHOT_CHUNK}, oldest first (at least one chunk). */
  snapshot(): Stroke[][] {
    const all = [...this.strokes.values()];
    const chunks: Stroke[][] = [];
    for (let i = 0; i < all.length; i += BOARD_SNAPSHOT_CHUNK) chunks.push(all.slice(i, i + BOARD_SNAPSHOT_CHUNK));
    return chunks.length > 0 ? chunks : [[]];
  }

  private pieceOf(s: Stroke, key: number, points: number[], end: boolean): StrokePiece {
    return { id: s.id, by: s.by, key, color: s.color, width: s.width, points, end };
  }
}
