/**
 * Where the VR menu's panels go: in front of the head when no wrist holds them, and where each button's
 * centre is in the world (pointing at it in tests).
 */
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Control } from '@babylonjs/gui/2D/controls/control.js';
import type { Panel3D } from '../ui3d/panel.js';

export interface HeadPose {
  position: Vector3;
  rotationQuaternion: Quaternion | null;
}

/** World position of a GUI control's centre on a panel plane `width` × `height` metres. */
export function controlPosition(panel: Panel3D, control: Control, width: number, height: number): Vector3 {
  const size = panel.texture.getSize();
  const x = (control.centerX / size.width - 0.5) * width;
  const y = (0.5 - control.centerY / size.height) * height;
  panel.mesh.computeWorldMatrix(true);
  return Vector3.TransformCoordinates(new Vector3(x, y, 0), panel.mesh.getWorldMatrix());
}

/** Puts `mesh` `distance` metres ahead of the head (its yaw only), `drop` metres below the eyes, tilted up a little. */
export function placeInFront(mesh: Panel3D['mesh'], head: HeadPose, distance: number, drop: number): void {
  const yaw = (head.rotationQuaternion ?? Quaternion.Identity()).toEulerAngles().y;
  mesh.position.set(head.position.x + Math.sin(yaw) * distance, head.position.y - drop, head.position.z + Math.cos(yaw) * distance);
  mesh.rotationQuaternion = Quaternion.RotationYawPitchRoll(yaw, 0.15, 0);
}
