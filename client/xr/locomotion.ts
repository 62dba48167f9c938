/**
 * Getting around in VR: teleport (thumbstick forward, aim at the floor, release) with snap turns
 * (thumbstick left/right, 45° by default), or smooth locomotion as a setting — Babylon cannot run
 * both at once. A comfort vignette dims the edges during artificial motion.
 */
import '@babylonjs/core/XR/features/WebXRControllerTeleportation.js';
import '@babylonjs/core/XR/features/WebXRControllerMovement.js';
import { WebXRFeatureName } from '@babylonjs/core/XR/webXRFeaturesManager.js';
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import type { WebXRInput } from '@babylonjs/core/XR/webXRInput.js';
import type { WebXRMotionControllerTeleportation } from '@babylonjs/core/XR/features/WebXRControllerTeleportation.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Observable } from '@babylonjs/core/Misc/observable.js';
import type { Vignette } from './vignette.js';
import { Listeners } from '../core/listeners.js';
import { markVirtual } from '../render/virtual.js';

export type LocomotionMode = 'teleport' | 'smooth';

/** What the settings page changes. Stored in localStorage so it survives a reload. */
export interface LocomotionSettings {
  readonly mode: LocomotionMode;
  readonly snapDegrees: number;
  readonly vignette: boolean;
  setMode(m: LocomotionMode): void;
  setSnapDegrees(deg: number): void;
  setVignette(on: boolean): void;
  onChange(l: () => void): () => void;
}

export interface Locomotion extends LocomotionSettings {
  /** Fires with the new feet position after every teleport. */
  readonly onTeleported: Observable<Vector3>;
  /** Fires after every snap turn. */
  readonly onTurned: Observable<void>;
  readonly teleportation: WebXRMotionControllerTeleportation | null;
  dispose(): void;
}

const KEY = 'twinverse.xr.locomotion';

function load(): { mode: LocomotionMode; snapDegrees: number; vignette: boolean } {
  const fallback = { mode: 'teleport' as LocomotionMode, snapDegrees: 45, vignette: true };
  try {
    const v = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<typeof fallback> | null;
    return {
      mode: v?.mode === 'smooth' ? 'smooth' : 'teleport',
      snapDegrees: v?.snapDegrees === 30 || v?.snapDegrees === 90 ? v.snapDegrees : 45,
      vignette: v?.vignette !== false,
    };
  } catch {
    return fallback;
  }
}

export function createLocomotion(helper: WebXRExperienceHelper, input: WebXRInput, floors: AbstractMesh[], vignette: Vignette): Locomotion {
  const features = helper.featuresManager;
  const settings = load();
  const listeners = new Listeners<void>();
  const onTeleported = new Observable<Vector3>();
  const onTurned = new Observable<void>();
  let teleportation: WebXRMotionControllerTeleportation | null = null;

  const save = () => {
    try {
      localStorage.setItem(KEY, JSON.stringify(settings));
    } catch {
      /* private mode */
    }
    listeners.emit();
  };

  const apply = () => {
    vignette.enabled = settings.vignette;
    if (settings.mode === 'teleport') {
      features.disableFeature(WebXRFeatureName.MOVEMENT);
      teleportation = features.enableFeature(WebXRFeatureName.TELEPORTATION, 'stable', {
        xrInput: input,
        floorMeshes: floors,
        defaultTargetMeshOptions: { teleportationFillColor: '#2e86de', teleportationBorderColor: '#ffffff', disableLighting: true },
      }) as WebXRMotionControllerTeleportation;
      // The landing ring is only in the space; its arc is lines, virtual by kind (VC9).
      const target = teleportation.teleportationTargetMesh;
      if (target) markVirtual(target);
      teleportation.rotationAngle = (settings.snapDegrees * Math.PI) / 180;
      teleportation.onAfterCameraTeleport.add((p) => {
        vignette.demand(1);
        onTeleported.notifyObservers(p);
      });
      teleportation.onAfterCameraTeleportRotation.add(() => {
        vignette.demand(1);
        onTurned.notifyObservers();
      });
    } else {
      features.disableFeature(WebXRFeatureName.TELEPORTATION);
      teleportation = null;
      features.enableFeature(WebXRFeatureName.MOVEMENT, 'latest', {
        xrInput: input,
        movementOrientationFollowsViewerPose: true,
        movementOrientationFollowsController: false,
        movementSpeed: 0.5,
        rotationSpeed: 0.4,
      });
    }
  };
  apply();

  return {
    get mode() {
      return settings.mode;
    },
    get snapDegrees() {
      return settings.snapDegrees;
    },
    get vignette() {
      return settings.vignette;
    },
    get teleportation() {
      return teleportation;
    },
    onTeleported,
    onTurned,
    setMode(m) {
      if (m === settings.mode) return;
      settings.mode = m;
      apply();
      save();
    },
    setSnapDegrees(deg) {
      settings.snapDegrees = deg;
      if (teleportation) teleportation.rotationAngle = (deg * Math.PI) / 180;
      save();
    },
    setVignette(on) {
      settings.vignette = on;
      vignette.enabled = on;
      save();
    },
    onChange: (l) => listeners.add(l),
    dispose() {
      features.disableFeature(WebXRFeatureName.TELEPORTATION);
      features.disableFeature(WebXRFeatureName.MOVEMENT);
      onTeleported.clear();
      onTurned.clear();
    },
  };
}
