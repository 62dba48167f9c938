/**
 * Where I stand on arrival: where the server put my avatar — the spawn spot, or my old place after a
 * reconnection — read from the first state, in the Babylon frame.
 */
import { dequantizeUnit } from '../shared/protocol/pose.js';
import { yawOf } from '../shared/space/spawn.js';
import type { SpaceState } from '../shared/state/space.js';
import type { Player } from './player/player.js';
import { flipYaw, protocolToBabylon } from './render/frames.js';

export function standWhereTheServerSays(state: SpaceState, sessionId: string | null, player: Player): void {
  const me = state.avatars.get(sessionId ?? '');
  if (!me) return;
  protocolToBabylon(me.head.px, 0, me.head.pz, player.position);
  player.yaw = flipYaw(
    yawOf({
      px: 0,
      py: 0,
      pz: 0,
      qx: dequantizeUnit(me.head.qx),
      qy: dequantizeUnit(me.head.qy),
      qz: dequantizeUnit(me.head.qz),
      qw: dequantizeUnit(me.head.qw),
    }),
  );
}
