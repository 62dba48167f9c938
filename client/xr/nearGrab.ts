/**
 * Near grab: reach out and take a part in hand, as people do on a Quest rather than pointing at what
 * is within arm's length. A controller's grip button (squeeze) or a tracked hand's pinch, with the hand
 * at a mesh flagged `isNearGrabbable` (the twins flag their movable parts), grabs it. While a hand is
 * at such a part the part lights up (its material's emissive colour, so grabbable meshes should have
 * materials of their own), the hand's ray steps aside (so the pinch is not also a far click) and the
 * controller buzzes.
 *
 * The grab is an ordinary scene pointer event on the part, with a pointer id of its own whose ray
 * starts at the hand (registered in the RayRegistry, with the hand's turn): the features that carry
 * things handle it exactly like a ray or mouse grab, and the part follows the hand and turns with it. Babylon's WebXRNearInteraction does the
 * same job but fetches its orb material from Babylon's snippet server and pulls NodeMaterial into the
 * XR chunk; this is the part of it we need, offline.
 */
import { PickingInfo } from '@babylonjs/core/Collisions/pickingInfo.js';
import { Ray } from '@babylonjs/core/Culling/ray.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { WebXRHandJoint, type WebXRHandTracking } from '@babylonjs/core/XR/features/WebXRHandTracking.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Nullable } from '@babylonjs/core/types.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { WebXRControllerPointerSelection } from '@babylonjs/core/XR/features/WebXRControllerPointerSelection.js';
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import type { WebXRInput } from '@babylonjs/core/XR/webXRInput.js';
import type { WebXRInputSource } from '@babylonjs/core/XR/webXRInputSource.js';
import type { RayRegistry } from '../input/rays.js';
import { babylonToProtocol } from '../render/frames.js';

/** How close (metres, hand to the part's bounds) a hand must be to take a part. */
export const NEAR_GRAB_REACH = 0.1;
/** Pointer ids for near grabs, far from Babylon's ray pointers (200 and up) and the mouse (1). */
const FIRST_POINTER_ID = 9000;
/** Babylon's ray pointers number from here; we look ours up among the next few ids. */
const RAY_POINTER_IDS = { from: 200, count: 64 };
const FORWARD = Vector3.Forward();
/** Added to a part's emissive colour while a hand is at it. */
const LIT = new Color3(0.22, 0.22, 0.16);

export interface NearGrabHand {
  hand: XRHandedness;
  /** The part within reach (mesh name), if any. */
  near: string | null;
  holding: boolean;
  /** Whether this hand's ray pointer is switched off (it is while the hand is at a part). */
  rayOff: boolean;
  /** Where it grabs, protocol frame. */
  point: { x: number; y: number; z: number };
  /** Whether the part within reach is lit up. */
  lit: boolean;
}

export interface NearGrab {
  state(): NearGrabHand[];
  dispose(): void;
}

interface HandState {
  source: WebXRInputSource;
  pointerId: number;
  point: Vector3;
  direction: Vector3;
  near: AbstractMesh | null;
  held: AbstractMesh | null;
}

/** Distance from `p` to the world-space bounding box of `mesh` (0 inside). */
function distanceToBounds(mesh: AbstractMesh, p: Vector3): number {
  const box = mesh.getBoundingInfo().boundingBox;
  const min = box.minimumWorld;
  const max = box.maximumWorld;
  const dx = Math.max(min.x - p.x, 0, p.x - max.x);
  const dy = Math.max(min.y - p.y, 0, p.y - max.y);
  const dz = Math.max(min.z - p.z, 0, p.z - max.z);
  return Math.hypot(dx, dy, dz);
}

export function enableNearGrab(d: {
  helper: WebXRExperienceHelper;
  input: WebXRInput;
  pointer: WebXRControllerPointerSelection;
  hands: WebXRHandTracking | null;
  rays: RayRegistry;
  scene: Scene;
}): NearGrab {
  const { helper, input, pointer, scene } = d;
  const states = new Map<string, HandState>();
  let nextId = FIRST_POINTER_ID;

  const stateOf = (source: WebXRInputSource): HandState => {
    let s = states.get(source.uniqueId);
    if (!s) {
      s = { source, pointerId: nextId++, point: new Vector3(), direction: new Vector3(0, 0, 1), near: null, held: null };
      states.set(source.uniqueId, s);
    }
    return s;
  };

  const rayPointerId = (source: WebXRInputSource): number | null => {
    for (let id = RAY_POINTER_IDS.from; id < RAY_POINTER_IDS.from + RAY_POINTER_IDS.count; id++) {
      if (pointer.getXRControllerByPointerId(id) === source) return id;
    }
    return null;
  };

  /** Where the hand grabs: between thumb and index tip for a tracked hand, the grip for a controller. */
  const locate = (s: HandState): boolean => {
    const { source } = s;
    const hand = source.inputSource.hand ? d.hands?.getHandByControllerId(source.uniqueId) : null;
    if (hand) {
      const index = hand.getJointMesh(WebXRHandJoint.INDEX_FINGER_TIP);
      const thumb = hand.getJointMesh(WebXRHandJoint.THUMB_TIP);
      index.getAbsolutePosition().addToRef(thumb.getAbsolutePosition(), s.point).scaleInPlace(0.5);
    } else {
      const node = source.grip ?? source.pointer;
      if (!node) return false;
      s.point.copyFrom(node.getAbsolutePosition());
    }
    source.pointer.getDirectionToRef(FORWARD, s.direction);
    return true;
  };

  // Refilled each XR frame (72 Hz or more): one array kept, not a new one per frame.
  const candidates: AbstractMesh[] = [];
  const collectGrabbables = () => {
    candidates.length = 0;
    for (const m of scene.meshes) if (m.isNearGrabbable && m.isEnabled() && m.isVisible && m.isPickable) candidates.push(m);
  };

  const setRayDisabled = (source: WebXRInputSource, disabled: boolean) => {
    const id = rayPointerId(source);
    // Babylon's own near interaction switches the ray off this way (an @internal member).
    if (id !== null) pointer._setPointerSelectionDisabledByPointerId(id, disabled);
  };

  /** Meshes lit up now, with the emissive colour to give back. */
  const lit = new Map<AbstractMesh, Color3>();
  const emissive = (mesh: AbstractMesh): Color3 | null => {
    const m = mesh.material as { emissiveColor?: unknown } | null;
    return m?.emissiveColor instanceof Color3 ? m.emissiveColor : null;
  };
  const light = (mesh: AbstractMesh | null, on: boolean) => {
    const c = mesh ? emissive(mesh) : null;
    if (!mesh || !c) return;
    if (on && !lit.has(mesh)) {
      lit.set(mesh, c.clone());
      c.addInPlace(LIT);
    } else if (!on && lit.has(mesh)) {
      // Unless the other hand is at it too.
      if ([...states.values()].some((s) => s.near === mesh)) return;
      c.copyFrom(lit.get(mesh)!);
      lit.delete(mesh);
    }
  };

  const frameObserver: Nullable<Observer<XRFrame>> = helper.sessionManager.onXRFrameObservable.add(() => {
    collectGrabbables();
    for (const source of input.controllers) {
      const s = stateOf(source);
      if (!locate(s)) continue;
      if (s.held) continue;
      let best: AbstractMesh | null = null;
      let bestDistance = NEAR_GRAB_REACH;
      for (const m of candidates) {
        const dist = distanceToBounds(m, s.point);
        if (dist <= bestDistance) {
          best = m;
          bestDistance = dist;
        }
      }
      if (best !== s.near) {
        if (best && !s.near) void source.motionController?.pulse(0.25, 40).catch(() => false);
        const was = s.near;
        s.near = best;
        light(was, false);
        light(best, true);
        setRayDisabled(source, best !== null);
      }
    }
  });

  const pick = (s: HandState, mesh: AbstractMesh): PickingInfo => {
    const info = new PickingInfo();
    info.hit = true;
    info.pickedMesh = mesh;
    info.pickedPoint = s.point.clone();
    info.distance = 0;
    info.ray = new Ray(s.point.clone(), s.direction.clone(), NEAR_GRAB_REACH);
    return info;
  };

  const press = (source: WebXRInputSource) => {
    const s = states.get(source.uniqueId);
    if (!s?.near || s.held) return;
    s.held = s.near;
    scene.simulatePointerDown(pick(s, s.held), { pointerId: s.pointerId, pointerType: 'xr-near' });
  };
  const letGo = (source: WebXRInputSource) => {
    const s = states.get(source.uniqueId);
    if (!s?.held) return;
    locate(s);
    scene.simulatePointerUp(pick(s, s.held), { pointerId: s.pointerId, pointerType: 'xr-near' });
    s.held = null;
  };

  const sourceOf = (e: XRInputSourceEvent) => input.controllers.find((c) => c.inputSource === e.inputSource) ?? null;
  // Controllers grab with the grip button; tracked hands (which have none) with the pinch.
  const onStart = (e: XRInputSourceEvent) => {
    const source = sourceOf(e);
    if (source && (e.type === 'squeezestart') === !source.inputSource.hand) press(source);
  };
  const onEnd = (e: XRInputSourceEvent) => {
    const source = sourceOf(e);
    if (source && (e.type === 'squeezeend') === !source.inputSource.hand) letGo(source);
  };
  const events = ['squeezestart', 'selectstart', 'squeezeend', 'selectend'] as const;
  const listen = (session: XRSession) => {
    for (const type of events) session.addEventListener(type, type.endsWith('start') ? onStart : onEnd);
  };
  const sessionObserver = helper.sessionManager.onXRSessionInit.add(listen);
  const forget = (s: HandState) => {
    if (s.held) letGo(s.source);
    const was = s.near;
    s.near = null;
    light(was, false);
    states.delete(s.source.uniqueId);
  };
  const endObserver = helper.sessionManager.onXRSessionEnded.add(() => {
    for (const s of [...states.values()]) forget(s);
  });
  const removedObserver = input.onControllerRemovedObservable.add((source) => {
    const s = states.get(source.uniqueId);
    if (s) forget(s);
  });

  // The ray of a near grab: from the hand, along where the controller points.
  const offRays = d.rays.register((pointerId, out, rotation) => {
    for (const s of states.values()) {
      if (s.pointerId !== pointerId) continue;
      if (!locate(s)) return false;
      out.origin.copyFrom(s.point);
      out.direction.copyFrom(s.direction);
      // The part turns with the hand that holds it (the pointer's turn: the same for a tracked hand).
      const turn = s.source.pointer.rotationQuaternion;
      if (!rotation || !turn) return true;
      rotation.copyFrom(turn);
      return 'oriented';
    }
    return false;
  });

  return {
    state: () =>
      [...states.values()].map((s) => {
        const ray = rayPointerId(s.source);
        return {
          hand: s.source.inputSource.handedness,
          near: s.near?.name ?? null,
          holding: s.held !== null,
          rayOff: ray !== null && pointer._getPointerSelectionDisabledByPointerId(ray),
          point: babylonToProtocol(s.point),
          lit: s.near !== null && lit.has(s.near),
        };
      }),
    dispose() {
      offRays();
      helper.sessionManager.onXRFrameObservable.remove(frameObserver);
      helper.sessionManager.onXRSessionInit.remove(sessionObserver);
      helper.sessionManager.onXRSessionEnded.remove(endObserver);
      input.onControllerRemovedObservable.remove(removedObserver);
    },
  };
}
