/** `board.erase`: removes strokes by id — anyone's, as on a real whiteboard (SPEC B4). */
import { type BoardErased, type EraseMessage } from '../../shared/protocol/board.js';
import type { SpaceRecord } from '../meeting/memory.js';
import { featureRoute } from '../meeting/route.js';

export function boardEraseRoute(record: SpaceRecord) {
  return featureRoute<EraseMessage>((ctx, p, m) => {
    // Ids already gone (two people erasing the same stroke) are not an error: nothing to do.
    const ids = record.board.erase(m.ids);
    if (ids.length === 0) return;
    const erased: BoardErased = { ids, by: p.sessionId };
    ctx.broadcast('board.erase', erased);
  });
}
