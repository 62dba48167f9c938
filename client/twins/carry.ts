/**
 * A part carried in a hand keeps its place and turn relative to the hand: when the hand has turned
 * from `grab` to `now` (world rotations, Babylon frame), the part's offset from the carry point and the
 * part's own turn turn by the same amount — twist the controller and the cover twists with it.
 */
import { Quaternion, type Vector3 } from '@babylonjs/core/Maths/math.vector.js';

const delta = new Quaternion();

/**
 * Writes where the part sits relative to the carry point (`outOffset`) and its rotation
 * (`outRotation`), given its offset and rotation when it was grabbed. Babylon frame throughout.
 */
export function carryTurn(
  grab: Quaternion,
  now: Quaternion,
  offsetAtGrab: Vector3,
  partAtGrab: Quaternion,
  outOffset: Vector3,
  outRotation: Quaternion,
): void {
  // The hand's turn since the grab, in world space: now · grab⁻¹.
  grab.conjugateToRef(delta);
  now.multiplyToRef(delta, delta);
  offsetAtGrab.rotateByQuaternionToRef(delta, outOffset);
  delta.multiplyToRef(partAtGrab, outRotation);
  outRotation.normalize();
}
