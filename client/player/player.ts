/**
 * Where I am, in Babylon's frame: feet on the floor, which way I face, where I look. Desktop movement
 * writes it; the camera and my pose read it. (In XR, the headset drives the camera and this follows.)
 */
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { STANDING_EYE_HEIGHT } from '../../shared/space/spawn.js';

export class Player {
  /** Feet, Babylon frame, metres. */
  readonly position = new Vector3();
  /** Babylon yaw (rotation about +Y, 0 faces +Z), radians. */
  yaw = 0;
  /** Look up (negative) or down (positive), radians, within ±80°. */
  pitch = 0;
  eyeHeight = STANDING_EYE_HEIGHT;
}
