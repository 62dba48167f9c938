/**
 * Tracked hands: the joints drawn as small spheres (no downloaded hand model), the pinch selects
 * through the pointer selection like a trigger would. The avatar's hand follows the wrist.
 */
import '@babylonjs/core/XR/features/WebXRHandTracking.js';
import { WebXRFeatureName } from '@babylonjs/core/XR/webXRFeaturesManager.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import type { WebXRInput } from '@babylonjs/core/XR/webXRInput.js';
import type { WebXRHandTracking } from '@babylonjs/core/XR/features/WebXRHandTracking.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { markVirtual } from '../render/virtual.js';

export interface XrHands {
  readonly feature: WebXRHandTracking | null;
  dispose(): void;
}

export function enableHands(helper: WebXRExperienceHelper, input: WebXRInput, scene: Scene, color: string): XrHands {
  const joint = CreateSphere('hand-joint', { diameter: 1, segments: 6 }, scene);
  const mat = new StandardMaterial('hand-joint', scene);
  mat.diffuseColor = Color3.FromHexString(color);
  mat.specularColor = new Color3(0.2, 0.2, 0.2);
  joint.material = mat;
  joint.isVisible = false;
  joint.isPickable = false;
  // The hand tracking feature draws each joint as an instance of this sphere: they take its tag (VC9).
  markVirtual(joint);
  let feature: WebXRHandTracking | null = null;
  try {
    feature = helper.featuresManager.enableFeature(
      WebXRFeatureName.HAND_TRACKING,
      'latest',
      {
        xrInput: input,
        jointMeshes: { sourceMesh: joint, scaleFactor: 1 },
        handMeshes: { disableDefaultMeshes: true },
      },
      true,
      false, // optional: devices without hand tracking still enter XR
    ) as WebXRHandTracking;
  } catch (err) {
    console.warn('[twinverse] hand tracking unavailable:', err);
  }
  return {
    feature,
    dispose() {
      joint.dispose();
      mat.dispose();
    },
  };
}
