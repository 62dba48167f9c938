/**
 * What the meeting's parts (voice, chat, board, the HUD controls) share: the meeting side of the
 * connection, who I am, the space's meeting state, and one "changed" signal for the VR menu's toggles.
 */
import type { ClientContext } from '../context/context.js';
import { Listeners } from '../core/listeners.js';
import type { AvatarInfo } from '../avatars/store.js';
import { MeetingNet, type MeetingInfo } from './sync.js';

export interface MeetingRoom {
  readonly net: MeetingNet;
  selfId(): string | null;
  /** My own avatar as the state shows it (host, muted, hand). */
  me(): AvatarInfo | undefined;
  /** The space's meeting state (null before the first patch). */
  info(): MeetingInfo | null;
  /** Something the meeting API shows changed (mute, hand, host, chat panel …). */
  readonly changed: Listeners<void>;
  dispose(): void;
}

export function createMeetingRoom(ctx: ClientContext): MeetingRoom {
  const { store } = ctx;
  const net = new MeetingNet(ctx.connection);
  return {
    net,
    selfId: () => store.selfId,
    me: () => store.avatars.get(store.selfId ?? ''),
    info: () => net.info,
    changed: new Listeners<void>(),
    dispose: () => net.dispose(),
  };
}
