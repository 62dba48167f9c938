/**
 * My pose on the desktop: the head is the camera (position and look direction), the hands hang at
 * rest beside the body. Written to LocalPose each frame for the pose sender.
 */
import { Quaternion } from '@babylonjs/core/Maths/math.vector.js';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import { restHand } from '../../shared/space/spawn.js';
import type { Frame, System } from '../core/system.js';
import { babylonToJoint, flipYaw } from '../render/frames.js';
import type { Player } from './player.js';
import type { LocalPose } from './localPose.js';

export function createDesktopBody(camera: TargetCamera, player: Player, local: LocalPose): System & { enabled: boolean } {
  const rotation = new Quaternion();
  return {
    name: 'desktopBody',
    enabled: true,
    update(_frame: Frame) {
      if (!this.enabled) return;
      const pose = local.pose;
      Quaternion.RotationYawPitchRollToRef(player.yaw, player.pitch, 0, rotation);
      babylonToJoint(camera.position, rotation, pose.head);
      const yaw = flipYaw(player.yaw);
      restHand(pose.left, -1, pose.head.px, pose.head.py, pose.head.pz, yaw);
      restHand(pose.right, 1, pose.head.px, pose.head.py, pose.head.pz, yaw);
      pose.flags = 0;
    },
    dispose() {},
  };
}
