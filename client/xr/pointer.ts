/**
 * The ray pointer: every controller (and tracked hand, with the pinch as trigger) casts a ray and
 * selects what it hits. Babylon turns those selections into ordinary scene pointer events, so GUI
 * panels, twins and the board react to a ray exactly as to a mouse click.
 */
import '@babylonjs/core/XR/features/WebXRControllerPointerSelection.js';
import { WebXRFeatureName } from '@babylonjs/core/XR/webXRFeaturesManager.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { CreateTorus } from '@babylonjs/core/Meshes/Builders/torusBuilder.js';
import type { WebXRControllerPointerSelection } from '@babylonjs/core/XR/features/WebXRControllerPointerSelection.js';
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import type { WebXRInput } from '@babylonjs/core/XR/webXRInput.js';
import { markVirtual } from '../render/virtual.js';

export function enablePointer(helper: WebXRExperienceHelper, input: WebXRInput): WebXRControllerPointerSelection {
  const pointer = helper.featuresManager.enableFeature(WebXRFeatureName.POINTER_SELECTION, 'stable', {
    xrInput: input,
    enablePointerSelectionOnAllControllers: true,
    maxPointerDistance: 30,
    disablePointerUpOnTouchOut: false,
    forceGazeMode: false,
    disableScenePointerVectorUpdate: false,
    // Babylon's own gaze ring, tagged: it is not free in the space as the ray is under its controller (VC9).
    customSelectionMeshGenerator: () => {
      const ring = CreateTorus('gazeTracker', { diameter: 0.0105, thickness: 0.0075, tessellation: 20 }, helper.sessionManager.scene);
      markVirtual(ring);
      return ring;
    },
  }) as WebXRControllerPointerSelection;
  // A controller's ray and model hang under its pointer and grip nodes: none is in a real camera's feed (VC9).
  input.onControllerAddedObservable.add((source) => {
    markVirtual(source.pointer);
    if (source.grip) markVirtual(source.grip);
  });
  pointer.laserPointerDefaultColor = new Color3(0.75, 0.8, 0.9);
  pointer.laserPointerPickedColor = new Color3(0.18, 0.53, 0.87);
  pointer.selectionMeshPickedColor = new Color3(0.18, 0.53, 0.87);
  return pointer;
}
