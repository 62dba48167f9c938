/** `board.clear` (host only): wipes the board for everyone (SPEC B5). */
import { BOARD_RATES, BoardMessage, type BoardCleared, type ClearMessage } from '../../shared/protocol/board.js';
import type { SpaceRecord } from '../meeting/memory.js';
import { featureRoute, requireHost } from '../meeting/route.js';

export function boardClearRoute(record: SpaceRecord) {
  return featureRoute<ClearMessage>(BOARD_RATES.clear, (ctx, p) => {
    if (!requireHost(ctx, p, BoardMessage.Clear)) return;
    record.board.clear();
    ctx.log.info({ host: p.sessionId }, 'board cleared');
    const cleared: BoardCleared = { by: p.sessionId };
    ctx.broadcast(BoardMessage.Clear, cleared);
  });
}
