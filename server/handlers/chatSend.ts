/** `chat.send`: one line of chat, cleaned and judged, stored for the space and sent to everyone (SPEC C1–C3). */
import { cleanChatText, type ChatSendMessage } from '../../shared/protocol/chat.js';
import type { SpaceRecord } from '../meeting/memory.js';
import { featureRoute } from '../core/route.js';

export function chatSendRoute(record: SpaceRecord) {
  return featureRoute<ChatSendMessage>((ctx, p, m) => {
    const clean = cleanChatText(m.text);
    if (!clean.ok) return ctx.refuse(p, clean.code, 'chat.send', `${m.text.length} characters`);
    const line = record.chat.append({
      at: Date.now(),
      kind: 'chat',
      from: p.sessionId,
      name: p.avatar.name,
      color: p.avatar.color,
      text: clean.text,
    });
    ctx.broadcast('chat.line', line);
  });
}
