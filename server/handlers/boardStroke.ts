/**
 * `board.stroke`: a piece of a stroke, relayed live to everyone (the author included, so it learns the
 * stroke's id). Caps: points per message (schema), per stroke and per board (BoardStore) — SPEC B2, B3.
 */
import { type StrokeMessage } from '../../shared/protocol/board.js';
import type { SpaceRecord } from '../meeting/memory.js';
import { featureRoute } from '../core/route.js';

export function boardStrokeRoute(record: SpaceRecord) {
  return featureRoute<StrokeMessage>((ctx, p, m) => {
    const r = record.board.piece(p.sessionId, m);
    if (r.piece) ctx.broadcast('board.stroke', r.piece);
    if (r.refusal) ctx.refuse(p, r.refusal, 'board.stroke', `${record.board.strokeCount} strokes, ${record.board.pointCount} points`);
  });
}
