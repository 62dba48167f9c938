/**
 * The features every space room is composed of, in the order their hooks run. A new capability adds
 * one line here (and its module under server/features/).
 */
import { avatarsFeature } from '../features/avatars.js';
import { operatorRoleFeature } from '../features/operatorRole.js';
import { twinsFeature } from '../features/twins.js';
import { boardFeature } from '../features/board.js';
import { chatFeature } from '../features/chat.js';
import { meetingFeature } from '../features/meeting.js';
import type { RoomFeature } from './feature.js';
import type { SpaceRoomDeps } from './SpaceRoom.js';
import type { SpaceLayout } from '../../shared/space/layout.js';

export interface SpaceInfo {
  name: string;
  layoutName: string;
  layout: SpaceLayout;
}

export function createFeatures(deps: SpaceRoomDeps, space: SpaceInfo): RoomFeature[] {
  const memory = deps.memory.open(space.name);
  const chat = chatFeature(memory);
  const board = boardFeature(memory, space);
  return [
    avatarsFeature(),
    meetingFeature(deps.meetings, space, [chat.greet, board.greet]),
    operatorRoleFeature(),
    twinsFeature(deps.twins, space),
    chat.feature,
    board.feature,
    { name: 'memory', dispose: () => deps.memory.release(space.name) },
  ];
}
