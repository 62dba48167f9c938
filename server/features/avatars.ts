/**
 * Avatars: the sender's own pose (binary) and profile, and the core protocol's `ping`. The avatar
 * itself is created and removed by the room's lifecycle, since every other feature relies on it.
 */
import { poseRoute } from '../handlers/pose.js';
import { pingRoute } from '../handlers/ping.js';
import { profileRoute } from '../handlers/profile.js';
import type { RoomFeature } from '../core/feature.js';

export function avatarsFeature(): RoomFeature {
  return {
    name: 'avatars',
    json: { profile: profileRoute, ping: pingRoute },
    binary: { pose: poseRoute },
  };
}
