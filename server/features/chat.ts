/**
 * Chat: lines kept for the life of the space (in the process-level SpaceMemory), the recent ones sent
 * to each newcomer, and a line when someone comes or goes (SPEC C1–C5).
 */
import { CHAT_HISTORY_ON_JOIN, type ChatHistoryMessage, type ChatLine } from '../../shared/protocol/chat.js';
import { chatSendRoute } from '../handlers/chatSend.js';
import type { SpaceRecord } from '../meeting/memory.js';
import type { RoomContext } from '../core/context.js';
import type { LeaveReason, RoomFeature } from '../core/feature.js';
import type { Participant } from '../core/participant.js';

const LEFT_WORDS: Record<LeaveReason, string> = {
  left: 'left',
  expired: 'lost their connection',
  removed: 'was removed by the host',
  revoked: 'left: their invitation was withdrawn',
  closed: 'was disconnected by the server',
};

export function chatFeature(record: SpaceRecord): RoomFeature {
  const announce = (ctx: RoomContext, p: Participant, kind: ChatLine['kind'], text: string) => {
    const line = record.chat.append({ at: Date.now(), kind, from: p.sessionId, name: p.avatar.name, color: p.avatar.color, text });
    ctx.broadcast('chat.line', line);
  };
  return {
    name: 'chat',
    json: { 'chat.send': chatSendRoute(record) },
    joined(ctx, p) {
      announce(ctx, p, 'join', 'joined');
    },
    // The recent lines; also after a reconnection, when the client may have missed some (ids deduplicate).
    greet(ctx, p) {
      const message: ChatHistoryMessage = { lines: record.chat.recent(CHAT_HISTORY_ON_JOIN) };
      ctx.send(p, 'chat.history', message);
    },
    left(ctx, p, reason) {
      announce(ctx, p, 'leave', LEFT_WORDS[reason]);
    },
  };
}
