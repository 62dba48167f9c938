/**
 * The meeting feature's side of the connection: its messages come typed from the protocol table
 * through the connection's `on`, and it mirrors the space's meeting and board state after each patch.
 */
import type { ServerMessage, ServerMessageName } from '../../shared/protocol/table.js';
import type { BoardPlacement } from '../../shared/space/board.js';
import type { SpaceState } from '../../shared/state/space.js';
import { Listeners } from '../core/listeners.js';
import type { SpaceConnection } from '../net/connection.js';
import type { StateSync } from '../net/stateSync.js';

/** The space-wide meeting state, as plain data. */
export interface MeetingInfo {
  locked: boolean;
  /** The space has a host passcode (so anyone may claim the role with it). */
  passcode: boolean;
  board: BoardPlacement;
  /** Session id of whoever shares a screen on the board, or ''. */
  sharer: string;
}

export class MeetingNet {
  /** The latest meeting info (null before the first state). */
  info: MeetingInfo | null = null;
  private readonly changed = new Listeners<MeetingInfo>();
  /** What dispose() undoes: the room attachment and every handler registered through `on`. */
  private readonly offs: (() => void)[] = [];

  constructor(readonly connection: SpaceConnection) {
    this.offs.push(connection.onState((sync) => this.follow(sync)));
  }

  /** A server message, typed by the protocol table (the connection's `on`, undone by dispose()). */
  on<N extends ServerMessageName>(name: N, l: (payload: ServerMessage<N>) => void): () => void {
    const off = this.connection.on(name, l);
    this.offs.push(off);
    return off;
  }

  /** Meeting or board state changed (after a patch). */
  onInfo(l: (info: MeetingInfo) => void): () => void {
    const off = this.changed.add(l);
    this.offs.push(off);
    return off;
  }

  dispose(): void {
    for (const off of this.offs.splice(0)) off();
  }

  /** Colyseus' callbacks on the meeting and board fields note a change; the patch's end reads them once. */
  private follow({ state, $, afterPatch }: StateSync): () => void {
    let changed = false;
    const mark = () => {
      changed = true;
    };
    let offMeeting = () => {};
    let offBoard = () => {};
    const offs = [
      // `listen` also follows a replaced meeting or board object, not only the fields of the first one.
      $(state).listen('meeting', (m) => {
        offMeeting();
        offMeeting = m ? $(m).onChange(mark) : () => {};
        mark();
      }),
      $(state).listen('board', (b) => {
        offBoard();
        offBoard = b ? $(b).onChange(mark) : () => {};
        mark();
      }),
      afterPatch(() => {
        if (!changed) return;
        changed = false;
        this.mirror(state);
      }),
    ];
    this.mirror(state);
    changed = false;
    return () => {
      for (const off of [...offs, offMeeting, offBoard]) off();
    };
  }

  private mirror(state: SpaceState): void {
    const m = state.meeting;
    const b = state.board;
    if (!m || !b) return;
    this.info = {
      locked: m.locked,
      passcode: m.passcode,
      board: { x: b.x, y: b.y, z: b.z, yaw: b.yaw, width: b.width },
      sharer: b.sharer,
    };
    this.changed.emit(this.info);
  }
}
