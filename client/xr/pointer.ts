/**
 * The ray pointer: every controller (and tracked hand, with the pinch as trigger) casts a ray and
 * selects what it hits. Babylon turns those selections into ordinary scene pointer events, so GUI
 * panels, twins and the board react to a ray exactly as to a mouse click.
 */
import '@babylonjs/core/XR/features/WebXRControllerPointerSelection.js';
import { WebXRFeatureName } from '@babylonjs/core/XR/webXRFeaturesManager.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { WebXRControllerPointerSelection } from '@babylonjs/core/XR/features/WebXRControllerPointerSelection.js';
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import type { WebXRInput } from '@babylonjs/core/XR/webXRInput.js';

export function enablePointer(helper: WebXRExperienceHelper, input: WebXRInput): WebXRControllerPointerSelection {
  const pointer = helper.featuresManager.enableFeature(WebXRFeatureName.POINTER_SELECTION, 'stable', {
    xrInput: input,
    enablePointerSelectionOnAllControllers: true,
    maxPointerDistance: 30,
    disablePointerUpOnTouchOut: false,
    forceGazeMode: false,
    disableScenePointerVectorUpdate: false,
  }) as WebXRControllerPointerSelection;
  pointer.laserPointerDefaultColor = new Color3(0.75, 0.8, 0.9);
  pointer.laserPointerPickedColor = new Color3(0.18, 0.53, 0.87);
  pointer.selectionMeshPickedColor = new Color3(0.18, 0.53, 0.87);
  return pointer;
}
