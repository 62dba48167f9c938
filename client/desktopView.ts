/**
 * The desktop view: the eyes' camera (desktopMovement drives it, so it takes no input of its own) and
 * the mouse's ray in the RayRegistry — the screen centre while the mouse is captured, else the cursor.
 */
import { UniversalCamera } from '@babylonjs/core/Cameras/universalCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { RayRegistry } from './input/rays.js';
import type { TouchLook } from './input/touchLook.js';

export function createEyes(scene: Scene): UniversalCamera {
  const camera = new UniversalCamera('eyes', new Vector3(0, 1.6, 0), scene);
  camera.inputs.clear(); // desktopMovement drives it
  camera.minZ = 0.05;
  camera.maxZ = 200;
  camera.fov = 1.05;
  return camera;
}

/** Registers the desktop mouse's ray (pointing while `camera` is the active one). */
export function registerMouseRay(rays: RayRegistry, scene: Scene, canvas: HTMLCanvasElement, camera: UniversalCamera): () => void {
  return rays.register((_id, out) => {
    const engine = scene.getEngine();
    const locked = document.pointerLockElement === canvas;
    const x = locked ? engine.getRenderWidth() / 2 : scene.pointerX;
    const y = locked ? engine.getRenderHeight() / 2 : scene.pointerY;
    scene.createPickingRayToRef(x, y, null, out, camera);
    return scene.activeCamera === camera;
  });
}

/**
 * Registers each finger's ray (phones and tablets): a part dragged by one finger follows that finger
 * while another looks around or steers. Asked before the mouse's, which follows the last pointer only.
 */
export function registerTouchRays(rays: RayRegistry, scene: Scene, camera: UniversalCamera, touch: TouchLook): () => void {
  return rays.register((id, out) => {
    const at = touch.finger(id);
    if (!at || scene.activeCamera !== camera) return false;
    scene.createPickingRayToRef(at.x, at.y, null, out, camera);
    return true;
  });
}
