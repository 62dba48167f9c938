/**
 * What a test client heard in pose frames (SPEC PF1): the latest pose and a record count per avatar,
 * by session id, read with the protocol's own codec. Poses do not travel in the Schema state.
 */
import type { Room } from 'colyseus.js';
import { copyPose, createPose, type Pose } from '../../shared/protocol/pose.js';
import { poseFrameBounds, readPoseFrame } from '../../shared/protocol/poseFrame.js';
import { hallBounds } from '../../shared/space/layout.js';
import type { SpaceState } from '../../shared/state/space.js';

export interface PoseFeed {
  /** The latest pose heard of each avatar, by session id (one's own once the server placed it). */
  poses: Map<string, Pose>;
  /** How many records of each avatar were heard, by session id. */
  heard: Map<string, number>;
  /** Reads one frame off the wire (throws on a malformed one: the server must never send it). */
  read(bytes: Uint8Array): void;
}

export function poseFeed(room: Room<SpaceState>): PoseFeed {
  const poses = new Map<string, Pose>();
  const heard = new Map<string, number>();
  const scratch = createPose();
  return {
    poses,
    heard,
    read(bytes) {
      const problem = readPoseFrame(bytes, poseFrameBounds(hallBounds(room.state.space)), scratch, (slot, pose) => {
        for (const [id, a] of room.state.avatars) {
          if (a.slot !== slot) continue;
          poses.set(id, copyPose(pose, poses.get(id) ?? createPose()));
          heard.set(id, (heard.get(id) ?? 0) + 1);
        }
      });
      if (problem) throw new Error(`malformed pose frame: ${problem}`);
    },
  };
}
