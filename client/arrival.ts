/**
 * Where I stand on arrival: where the server put my avatar — the spawn spot, or my old place after a
 * reconnection — as the first pose frame told it (the connection's join waits for it), in the
 * Babylon frame.
 */
import { yawOf } from '../shared/space/spawn.js';
import type { AvatarStore } from './avatars/store.js';
import type { Player } from './player/player.js';
import { flipYaw, protocolToBabylon } from './render/frames.js';

export function standWhereTheServerSays(store: AvatarStore, sessionId: string | null, player: Player): void {
  const me = store.avatars.get(sessionId ?? '')?.poses.latest();
  if (!me) return;
  protocolToBabylon(me.head.px, 0, me.head.pz, player.position);
  player.yaw = flipYaw(yawOf(me.head));
}
