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
 * XR chunk; this is the part of it we need, offline. This file follows the hands and turns squeezes and
 * pinches into pointer events; `grabReach.ts` says where a hand is and what it reaches, and
 * `grabHighlight.ts` lights a part up.
 */
import { PickingInfo } from '@babylonjs/core/Collisions/pickingInfo.js';
import { Ray } from '@babylonjs/core/Culling/ray.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { WebXRHandTracking } from '@babylonjs/core/XR/features/WebXRHandTracking.js';
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
import { GrabHighlight } from './grabHighlight.js';
import { collectGrabbables, locateHand, NEAR_GRAB_REACH, nearestWithinReach, type GrabHand } from './grabReach.js';

/** Pointer ids for near grabs, far from Babylon's ray pointers (200 and up) and the mouse (1). */
const FIRST_POINTER_ID = 9000;
/** Babylon's ray pointers number from here; we look ours up among the next few ids. */
const RAY_POINTER_IDS = { from: 200, count: 64 };

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

export function enableNearGrab(d: {
  helper: WebXRExperienceHelper;
  input: WebXRInput;
  pointer: WebXRControllerPointerSelection;
  hands: WebXRHandTracking | null;
  rays: RayRegistry;
  scene: Scene;
}): NearGrab {
  const { helper, input, pointer, scene } = d;
  const states = new Map<string, GrabHand>();
  let nextId = FIRST_POINTER_ID;

  const stateOf = (source: WebXRInputSource): GrabHand => {
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

  const locate = (s: GrabHand) => locateHand(s, d.hands);
  // Refilled each XR frame (72 Hz or more): one array kept, not a new one per frame.
  const candidates: AbstractMesh[] = [];

  const setRayDisabled = (source: WebXRInputSource, disabled: boolean) => {
    const id = rayPointerId(source);
    // Babylon's own near interaction switches the ray off this way (an @internal member).
    if (id !== null) pointer._setPointerSelectionDisabledByPointerId(id, disabled);
  };

  // Unless the other hand is at it too, a part a hand leaves goes dark again.
  const highlight = new GrabHighlight((mesh) => [...states.values()].some((s) => s.near === mesh));

  const frameObserver: Nullable<Observer<XRFrame>> = helper.sessionManager.onXRFrameObservable.add(() => {
    collectGrabbables(scene, candidates);
    for (const source of input.controllers) {
      const s = stateOf(source);
      if (!locate(s)) continue;
      if (s.held) continue;
      const best = nearestWithinReach(candidates, s.point);
      if (best !== s.near) {
        if (best && !s.near) void source.motionController?.pulse(0.25, 40).catch(() => false);
        const was = s.near;
        s.near = best;
        highlight.set(was, false);
        highlight.set(best, true);
        setRayDisabled(source, best !== null);
      }
    }
  });

  const pick = (s: GrabHand, mesh: AbstractMesh): PickingInfo => {
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
  const forget = (s: GrabHand) => {
    if (s.held) letGo(s.source);
    const was = s.near;
    s.near = null;
    highlight.set(was, false);
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
          lit: s.near !== null && highlight.has(s.near),
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
