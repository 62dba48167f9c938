/**
 * `board.erase`: removes strokes by id (SPEC B4) — one's own; a host's, anyone's. A message naming a
 * stroke of someone else is refused whole (`board.not_author`), so a refusal never erases half.
 */
import { type BoardErased, type EraseMessage } from '../../shared/protocol/board.js';
import type { SpaceRecord } from '../meeting/memory.js';
import { featureRoute } from '../core/route.js';

export function boardEraseRoute(record: SpaceRecord) {
  return featureRoute<EraseMessage>((ctx, p, m) => {
    if (!p.avatar.host) {
      const others = m.ids.filter((id) => {
        const by = record.board.authorOf(id);
        return by !== undefined && by !== p.sessionId;
      });
      if (others.length > 0) return ctx.refuse(p, 'board.not_author', 'board.erase', `${others.length} of the strokes are someone else's`);
    }
    // Ids already gone (two people erasing the same stroke) are not an error: nothing to do.
    const ids = record.board.erase(m.ids);
    if (ids.length === 0) return;
    const erased: BoardErased = { ids, by: p.sessionId };
    ctx.broadcast('board.erase', erased);
  });
}
