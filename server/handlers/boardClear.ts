/** `board.clear` (host only): wipes the board for everyone (SPEC B5). */
import { type BoardCleared, type ClearMessage } from '../../shared/protocol/board.js';
import type { SpaceRecord } from '../meeting/memory.js';
import { featureRoute, requireHost } from '../core/route.js';

export function boardClearRoute(record: SpaceRecord) {
  return featureRoute<ClearMessage>((ctx, p) => {
    if (!requireHost(ctx, p, 'board.clear')) return;
    record.board.clear();
    ctx.log.info({ host: p.sessionId }, 'board cleared');
    const cleared: BoardCleared = { by: p.sessionId };
    ctx.broadcast('board.clear', cleared);
  });
}
