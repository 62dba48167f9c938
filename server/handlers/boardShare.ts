/**
 * `board.share`: starts or stops my screen share on the board. One sharer at a time; the sharer or the
 * host may stop it. The video itself goes peer to peer over WebRTC (SPEC B7).
 */
import { type ShareMessage } from '../../shared/protocol/board.js';
import { featureRoute } from '../core/route.js';

export const boardShareRoute = featureRoute<ShareMessage>((ctx, p, m) => {
  const board = ctx.state.board;
  if (m.on) {
    if (board.sharer !== '' && board.sharer !== p.sessionId) return ctx.refuse(p, 'board.share_busy', 'board.share');
    board.sharer = p.sessionId;
    return;
  }
  if (board.sharer === '') return;
  if (board.sharer !== p.sessionId && !p.avatar.host) return ctx.refuse(p, 'board.not_sharer', 'board.share');
  board.sharer = '';
});
