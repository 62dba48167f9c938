/**
 * Where a hand is for a near grab, and what it can reach: the grab point (between thumb and index tip
 * for a tracked hand, the grip for a controller), the parts flagged `isNearGrabbable`, and the nearest
 * of them within reach. Plain geometry on Babylon's scene, no state of its own (nearGrab.ts keeps it).
 */
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { WebXRHandJoint, type WebXRHandTracking } from '@babylonjs/core/XR/features/WebXRHandTracking.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { WebXRInputSource } from '@babylonjs/core/XR/webXRInputSource.js';

/** How close (metres, hand to the part's bounds) a hand must be to take a part. */
export const NEAR_GRAB_REACH = 0.1;
const FORWARD = Vector3.Forward();

/** One hand (controller or tracked hand) as the near grab follows it. */
export interface GrabHand {
  source: WebXRInputSource;
  /** The id of its scene pointer events (a near grab is a pointer of its own). */
  pointerId: number;
  /** Where it grabs and where it points, Babylon frame (refreshed by `locateHand`). */
  point: Vector3;
  direction: Vector3;
  /** The part within reach, and the part held. */
  near: AbstractMesh | null;
  held: AbstractMesh | null;
}

/** Updates `h.point` and `h.direction` from the hand or controller now; false when it has no pose. */
export function locateHand(h: GrabHand, hands: WebXRHandTracking | null): boolean {
  const { source } = h;
  const hand = source.inputSource.hand ? hands?.getHandByControllerId(source.uniqueId) : null;
  if (hand) {
    const index = hand.getJointMesh(WebXRHandJoint.INDEX_FINGER_TIP);
    const thumb = hand.getJointMesh(WebXRHandJoint.THUMB_TIP);
    index.getAbsolutePosition().addToRef(thumb.getAbsolutePosition(), h.point).scaleInPlace(0.5);
  } else {
    const node = source.grip ?? source.pointer;
    if (!node) return false;
    h.point.copyFrom(node.getAbsolutePosition());
  }
  source.pointer.getDirectionToRef(FORWARD, h.direction);
  return true;
}

/** Distance from `p` to the world-space bounding box of `mesh` (0 inside). */
export function distanceToBounds(mesh: AbstractMesh, p: Vector3): number {
  const box = mesh.getBoundingInfo().boundingBox;
  const min = box.minimumWorld;
  const max = box.maximumWorld;
  const dx = Math.max(min.x - p.x, 0, p.x - max.x);
  const dy = Math.max(min.y - p.y, 0, p.y - max.y);
  const dz = Math.max(min.z - p.z, 0, p.z - max.z);
  return Math.hypot(dx, dy, dz);
}

/** Fills `out` with the meshes a hand may take now (refilled each XR frame: one array, not one per frame). */
export function collectGrabbables(scene: Scene, out: AbstractMesh[]): void {
  out.length = 0;
  for (const m of scene.meshes) if (m.isNearGrabbable && m.isEnabled() && m.isVisible && m.isPickable) out.push(m);
}

/** The candidate nearest to `point` within NEAR_GRAB_REACH, or null. */
export function nearestWithinReach(candidates: readonly AbstractMesh[], point: Vector3): AbstractMesh | null {
  let best: AbstractMesh | null = null;
  let bestDistance = NEAR_GRAB_REACH;
  for (const m of candidates) {
    const dist = distanceToBounds(m, point);
    if (dist <= bestDistance) {
      best = m;
      bestDistance = dist;
    }
  }
  return best;
}
