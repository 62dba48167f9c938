/**
 * The features every space room is composed of, in the order their hooks run. A new capability adds
 * one line here (and its module under server/features/). The top of the room's floors: only
 * `SpaceRoom` imports this file.
 */
import { avatarsFeature } from '../features/avatars.js';
import { poseDeliveryFeature } from '../features/poseDelivery.js';
import { operatorRoleFeature } from '../features/operatorRole.js';
import { twinsFeature } from '../twins/room/twinsFeature.js';
import { boardFeature } from '../features/board.js';
import { chatFeature } from '../features/chat.js';
import { meetingFeature } from '../features/meeting.js';
import { activityFeature } from '../features/activity.js';
import { reactionsFeature } from '../features/reactions.js';
import { videoFeature } from '../video/feature.js';
import { tokenRevocationFeature } from '../features/tokenRevocation.js';
import type { SpaceInfo } from '../core/spaceInfo.js';
import type { SpaceRoomDeps } from './deps.js';
import type { RoomFeature } from '../core/feature.js';

export function createFeatures(deps: SpaceRoomDeps, space: SpaceInfo): RoomFeature[] {
  const memory = deps.memory.open(space.memoryKey);
  return [
    avatarsFeature(),
    poseDeliveryFeature(deps.patchRateMs / 1000),
    // Before chat and board: a newcomer's greeting starts with the meeting's welcome.
    meetingFeature(deps.meetings, space, memory),
    operatorRoleFeature(),
    twinsFeature(deps.twins, deps.notes, space, deps.replay ?? null),
    chatFeature(memory),
    boardFeature(memory, space),
    activityFeature(deps.journal, deps.twins),
    reactionsFeature(),
    ...(deps.video ? [videoFeature(deps.video)] : []),
    ...(deps.revocations ? [tokenRevocationFeature(deps.revocations)] : []),
    { name: 'memory', dispose: () => deps.memory.release(space.memoryKey) },
  ];
}
