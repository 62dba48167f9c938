/**
 * Where the VR menu's panels go: in front of the head when no wrist holds them, and where each button's
 * centre is in the world (pointing at it in tests).
 */
import { Quaternion, type Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Panel3D } from '../ui3d/panel.js';

export interface HeadPose {
  position: Vector3;
  rotationQuaternion: Quaternion | null;
}

// Where a control's centre is lives with the panels (the machine's VR note board uses it too).
export { controlPosition } from '../ui3d/panel.js';

/** Puts `mesh` `distance` metres ahead of the head (its yaw only), `drop` metres below the eyes, tilted up a little. */
export function placeInFront(mesh: Panel3D['mesh'], head: HeadPose, distance: number, drop: number): void {
  const yaw = (head.rotationQuaternion ?? Quaternion.Identity()).toEulerAngles().y;
  mesh.position.set(head.position.x + Math.sin(yaw) * distance, head.position.y - drop, head.position.z + Math.cos(yaw) * distance);
  mesh.rotationQuaternion = Quaternion.RotationYawPitchRoll(yaw, 0.15, 0);
}
