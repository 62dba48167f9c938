/**
 * The shared board: placement from the layout into the state, strokes in the process-level
 * SpaceMemory (so the board outlives the room), a snapshot for each newcomer, and the screen share
 * slot (SPEC B1–B8).
 */
import { type BoardSnapshot } from '../../shared/protocol/board.js';
import { defaultBoardPlacement } from '../../shared/space/board.js';
import { boardClearRoute } from '../handlers/boardClear.js';
import { boardEraseRoute } from '../handlers/boardErase.js';
import { boardShareRoute } from '../handlers/boardShare.js';
import { boardStrokeRoute } from '../handlers/boardStroke.js';
import type { SpaceRecord } from '../meeting/memory.js';
import type { SpaceInfo } from '../core/spaceInfo.js';
import type { RoomFeature } from '../core/feature.js';

export function boardFeature(record: SpaceRecord, space: SpaceInfo): RoomFeature {
  return {
    name: 'board',
    json: {
      'board.stroke': boardStrokeRoute(record),
      'board.erase': boardEraseRoute(record),
      'board.clear': boardClearRoute(record),
      'board.share': boardShareRoute,
    },
    opened(ctx) {
      const l = space.layout;
      const d = defaultBoardPlacement(l.hall);
      const b = ctx.state.board;
      b.x = l.board?.x ?? d.x;
      b.z = l.board?.z ?? d.z;
      b.yaw = l.board?.yaw ?? d.yaw;
      b.width = l.board?.width ?? d.width;
      b.y = l.board?.y ?? 0.85 + (b.width * 9) / 32;
    },
    // The strokes so far, in chunks that each fit a message.
    greet(ctx, p) {
      const chunks = record.board.snapshot();
      chunks.forEach((strokes, i) => {
        const message: BoardSnapshot = { strokes, done: i === chunks.length - 1 };
        ctx.send(p, 'board.snapshot', message);
      });
    },
    left(ctx, p) {
      record.board.endAll(p.sessionId);
      if (ctx.state.board.sharer === p.sessionId) ctx.state.board.sharer = '';
    },
  };
}
