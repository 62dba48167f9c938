/**
 * XR input sources (controllers and tracked hands) with no downloads: Babylon's online controller
 * repository and glTF controller meshes are off (no network here, and users behind firewalls); each
 * controller gets a simple procedural shape instead.
 */
import '@babylonjs/core/XR/motionController/webXROculusTouchMotionController.js';
import '@babylonjs/core/XR/motionController/webXRGenericMotionController.js';
// The manager's side effects register the generic-trigger profile and the fallbacks (oculus-hand →
// generic-trigger): without them a tracked hand gets no motion controller and its pinch selects nothing.
import '@babylonjs/core/XR/motionController/webXRMotionControllerManager.js';
import { WebXRInput } from '@babylonjs/core/XR/webXRInput.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { CreateTorus } from '@babylonjs/core/Meshes/Builders/torusBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { WebXRExperienceHelper } from '@babylonjs/core/XR/webXRExperienceHelper.js';
import type { WebXRInputSource } from '@babylonjs/core/XR/webXRInputSource.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { markVirtual } from '../render/virtual.js';

export interface XrControllers {
  readonly input: WebXRInput;
  dispose(): void;
}

/** A handle with a tracking ring, the shape of a Quest Touch controller in a few dozen triangles. */
function controllerShape(scene: Scene, material: StandardMaterial, name: string): Mesh {
  const grip = CreateCylinder(`${name}-grip`, { height: 0.11, diameterTop: 0.032, diameterBottom: 0.026, tessellation: 10 }, scene);
  grip.rotation.x = Math.PI / 2 - 0.35;
  const ring = CreateTorus(`${name}-ring`, { diameter: 0.075, thickness: 0.012, tessellation: 16 }, scene);
  ring.position.set(0, 0.012, 0.045);
  ring.rotation.x = 0.5;
  const shape = Mesh.MergeMeshes([grip, ring], true, true);
  if (!shape) throw new Error('could not build the controller shape');
  shape.name = name;
  shape.material = material;
  shape.isPickable = false;
  markVirtual(shape);
  return shape;
}

export function createControllers(helper: WebXRExperienceHelper, scene: Scene): XrControllers {
  const input = new WebXRInput(helper.sessionManager, helper.camera, {
    doNotLoadControllerMeshes: true,
    disableOnlineControllerRepository: true,
  });
  const material = new StandardMaterial('xr-controller', scene);
  material.diffuseColor = new Color3(0.16, 0.18, 0.21);
  material.specularColor = new Color3(0.3, 0.3, 0.3);
  const shapes = new Map<string, Mesh>();
  const onAdded = (source: WebXRInputSource) => {
    // Tracked hands draw their joints (hands.ts); only controllers get a shape.
    if (source.inputSource.hand) return;
    const parent = source.grip ?? source.pointer;
    const shape = controllerShape(scene, material, `controller-${source.inputSource.handedness}`);
    shape.parent = parent;
    shapes.set(source.uniqueId, shape);
  };
  const onRemoved = (source: WebXRInputSource) => {
    shapes.get(source.uniqueId)?.dispose();
    shapes.delete(source.uniqueId);
  };
  input.onControllerAddedObservable.add(onAdded);
  input.onControllerRemovedObservable.add(onRemoved);
  return {
    input,
    dispose() {
      for (const s of shapes.values()) s.dispose();
      material.dispose();
      input.dispose();
    },
  };
}
