/**
 * Avatars: the sender's own pose (binary) and profile. The avatar itself is created and removed by
 * the room's lifecycle, since every other feature relies on it.
 */
import { poseRoute } from '../handlers/pose.js';
import { profileRoute } from '../handlers/profile.js';
import type { RoomFeature } from '../rooms/feature.js';

export function avatarsFeature(): RoomFeature {
  return {
    name: 'avatars',
    json: { profile: profileRoute },
    binary: { pose: poseRoute },
  };
}
