/** Quick reactions (SPEC RX1–RX3): a route only; no state, no hooks. */
import { reactionRoute } from '../handlers/reaction.js';
import type { RoomFeature } from '../core/feature.js';

export function reactionsFeature(): RoomFeature {
  return { name: 'reactions', json: { reaction: reactionRoute } };
}
