/**
 * The meeting feature's side of the connection (only client/net/ touches colyseus.js): receives
 * chat, board, signalling and meeting messages on every room the connection adopts (first join and
 * each reconnection), and mirrors the space's meeting and board state after each patch.
 */
import type { Room } from 'colyseus.js';
import { type BoardCleared, type BoardErased, type BoardSnapshot, type StrokePiece } from '../../shared/protocol/board.js';
import { type ChatHistoryMessage, type ChatLine } from '../../shared/protocol/chat.js';
import { type NoticeMessage, type RelayedSignal, type WelcomeMessage } from '../../shared/protocol/meeting.js';
import type { BoardPlacement } from '../../shared/space/board.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { SpaceConnection } from './connection.js';

/** The space-wide meeting state, as plain data. */
export interface MeetingInfo {
  locked: boolean;
  /** The space has a host passcode (so anyone may claim the role with it). */
  passcode: boolean;
  board: BoardPlacement;
  /** Session id of whoever shares a screen on the board, or ''. */
  sharer: string;
}

export interface MeetingEvents {
  welcome: WelcomeMessage;
  notice: NoticeMessage;
  signal: RelayedSignal;
  chatLine: ChatLine;
  chatHistory: ChatHistoryMessage;
  stroke: StrokePiece;
  erase: BoardErased;
  clear: BoardCleared;
  snapshot: BoardSnapshot;
  /** Meeting or board state changed (after a patch). */
  info: MeetingInfo;
}

type Listener<K extends keyof MeetingEvents> = (event: MeetingEvents[K]) => void;

const MESSAGES: [string, keyof MeetingEvents][] = [
  ['meeting.welcome', 'welcome'],
  ['meeting.notice', 'notice'],
  ['rtc.signal', 'signal'],
  ['chat.line', 'chatLine'],
  ['chat.history', 'chatHistory'],
  ['board.stroke', 'stroke'],
  ['board.erase', 'erase'],
  ['board.clear', 'clear'],
  ['board.snapshot', 'snapshot'],
];

export class MeetingNet {
  private readonly listeners = new Map<keyof MeetingEvents, Set<(e: never) => void>>();
  private last = '';
  /** The latest meeting info (null before the first state). */
  info: MeetingInfo | null = null;
  private readonly off: () => void;

  constructor(readonly connection: SpaceConnection) {
    this.off = connection.onRoom((room: Room<SpaceState>) => {
      const offs = MESSAGES.map(([type, event]) => room.onMessage(type, (m: unknown) => this.emit(event, m as never)) as () => void);
      const onPatch = (state: SpaceState) => this.mirror(state);
      room.onStateChange(onPatch);
      if (room.state?.board) this.mirror(room.state);
      return () => {
        for (const off of offs) off();
        room.onStateChange.remove(onPatch);
      };
    });
  }

  on<K extends keyof MeetingEvents>(event: K, l: Listener<K>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(l as (e: never) => void);
    return () => set.delete(l as (e: never) => void);
  }

  dispose(): void {
    this.off();
    this.listeners.clear();
  }

  private emit<K extends keyof MeetingEvents>(event: K, payload: MeetingEvents[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const l of set) {
      try {
        (l as Listener<K>)(payload);
      } catch (err) {
        console.error(`[twinverse] meeting ${event} handler failed`, err);
      }
    }
  }

  private mirror(state: SpaceState): void {
    const m = state.meeting;
    const b = state.board;
    if (!m || !b) return;
    const key = `${m.locked}|${m.passcode}|${b.x}|${b.y}|${b.z}|${b.yaw}|${b.width}|${b.sharer}`;
    if (key === this.last) return;
    this.last = key;
    this.info = {
      locked: m.locked,
      passcode: m.passcode,
      board: { x: b.x, y: b.y, z: b.z, yaw: b.yaw, width: b.width },
      sharer: b.sharer,
    };
    this.emit('info', this.info);
  }
}
