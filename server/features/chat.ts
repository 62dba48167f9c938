/**
 * Chat: lines kept for the life of the space (in the process-level SpaceMemory), the recent ones sent
 * to each newcomer, and a line when someone comes or goes (SPEC C1–C5).
 */
import { CHAT_HISTORY_ON_JOIN, type ChatHistoryMessage, type ChatLine } from '../../shared/protocol/chat.js';
import { chatSendRoute } from '../handlers/chatSend.js';
import type { SpaceRecord } from '../meeting/memory.js';
import type { FeatureContext, LeaveReason, RoomFeature } from '../rooms/feature.js';
import type { Participant } from '../rooms/participant.js';
import type { Greeter } from './meeting.js';

const LEFT_WORDS: Record<LeaveReason, string> = {
  left: 'left',
  expired: 'lost their connection',
  removed: 'was removed by the host',
};

/** The chat feature, and what it sends a client that says hello (the recent lines). */
export function chatFeature(record: SpaceRecord): { feature: RoomFeature; greet: Greeter } {
  const announce = (ctx: FeatureContext, p: Participant, kind: ChatLine['kind'], text: string) => {
    const line = record.chat.append({ at: Date.now(), kind, from: p.sessionId, name: p.avatar.name, color: p.avatar.color, text });
    ctx.broadcast('chat.line', line);
  };
  const history = (ctx: FeatureContext, p: Participant) => {
    const message: ChatHistoryMessage = { lines: record.chat.recent(CHAT_HISTORY_ON_JOIN) };
    ctx.send(p, 'chat.history', message);
  };
  const feature: RoomFeature = {
    name: 'chat',
    json: { 'chat.send': chatSendRoute(record) },
    joined(ctx, p) {
      announce(ctx, p, 'join', 'joined');
    },
    left(ctx, p, reason) {
      announce(ctx, p, 'leave', LEFT_WORDS[reason]);
    },
  };
  // Also after a reconnection: the client may have missed lines (ids deduplicate).
  return { feature, greet: history };
}
