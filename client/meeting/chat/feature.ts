/**
 * Text chat: the lines this client knows, the HUD panel, and the world-space panel for VR (loaded on
 * first use). A part of the meeting (meeting/feature.ts composes it).
 */

import type { ClientContext } from '../../context/context.js';
import type { ClientFeature } from '../../core/feature.js';
import type { MeetingRoom } from '../meetingRoom.js';
import { ChatModel } from './chatModel.js';
import { createChatPanel, type ChatPanel } from './chatPanel.js';
import type { WorldChatPanel } from './worldChatPanel.js';

export interface ChatFeature extends ClientFeature {
  readonly model: ChatModel;
  readonly panel: ChatPanel;
  send(text: string): void;
  /** The world-space panel, made on first call. */
  world(): Promise<WorldChatPanel>;
  /** The world panel if it was made. */
  readonly worldIfMade: WorldChatPanel | null;
}

export function createChatFeature(ctx: ClientContext, room: MeetingRoom): ChatFeature {
  const { connection, scene } = ctx;
  const model = new ChatModel();
  const send = (text: string) => connection.send('chat.send', { text });
  const panel = createChatPanel(model, send, room.selfId);
  ctx.hud.addPanel(panel.panel);
  const offNet = [room.net.on('chat.line', (l) => model.add([l])), room.net.on('chat.history', (h) => model.addHistory(h.lines))];
  const offError = connection.onServerError((e) => {
    if (e.ref === 'chat.send') panel.problem(e.message);
  });
  let world: WorldChatPanel | null = null;

  return {
    name: 'meetingChat',
    model,
    panel,
    send,
    async world() {
      if (!world) {
        const { createWorldChatPanel } = await import('./worldChatPanel.js');
        world ??= createWorldChatPanel(scene, model, send);
      }
      return world;
    },
    get worldIfMade() {
      return world;
    },
    dispose() {
      offNet.forEach((off) => off());
      offError();
      panel.dispose();
      world?.dispose();
    },
  };
}
