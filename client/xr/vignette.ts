/**
 * Comfort vignette: a dark ring that closes in around the view while the user moves artificially
 * (smooth locomotion, snap turns, teleports) and opens again when they stop — the standard remedy for
 * vection sickness. A view-locked plane with a radial alpha texture, drawn last and without depth.
 */
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Camera } from '@babylonjs/core/Cameras/camera.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { markVirtual } from '../render/virtual.js';

export interface Vignette {
  enabled: boolean;
  /** Asks for comfort (0…1) this frame; the ring eases towards the strongest demand. */
  demand(amount: number): void;
  /** Advances the easing; call once per XR frame. */
  update(dt: number): void;
  attach(camera: Camera): void;
  /** Current strength 0…1 (test API). */
  readonly strength: number;
  dispose(): void;
}

export function createVignette(scene: Scene): Vignette {
  const tex = new DynamicTexture('vignette', { width: 256, height: 256 }, scene, false);
  const g = tex.getContext() as unknown as CanvasRenderingContext2D;
  const grad = g.createRadialGradient(128, 128, 40, 128, 128, 128);
  grad.addColorStop(0, 'rgba(0,0,0,0)');
  grad.addColorStop(0.55, 'rgba(0,0,0,0)');
  grad.addColorStop(1, 'rgba(0,0,0,1)');
  g.fillStyle = grad;
  g.fillRect(0, 0, 256, 256);
  tex.hasAlpha = true;
  tex.update();
  const mat = new StandardMaterial('vignette', scene);
  mat.diffuseTexture = tex;
  mat.useAlphaFromDiffuseTexture = true;
  mat.emissiveColor = Color3.Black();
  mat.disableLighting = true;
  mat.disableDepthWrite = true;
  mat.depthFunction = 519; // ALWAYS: drawn over everything
  mat.alpha = 0;
  const plane = CreatePlane('vignette', { size: 0.5 }, scene);
  plane.material = mat;
  plane.isPickable = false;
  markVirtual(plane);
  plane.renderingGroupId = 3;
  plane.position.z = 0.12;
  plane.setEnabled(false);
  let target = 0;
  let strength = 0;
  return {
    enabled: true,
    get strength() {
      return strength;
    },
    demand(amount) {
      if (this.enabled) target = Math.max(target, Math.min(1, amount));
    },
    update(dt) {
      // Close fast, open slowly: the eye tolerates a quick dimming better than a flicker.
      const rate = target > strength ? 8 : 2.5;
      strength += (target - strength) * Math.min(1, rate * dt);
      if (!this.enabled) strength = 0;
      mat.alpha = strength * 0.9;
      plane.setEnabled(strength > 0.01);
      target = 0;
    },
    attach(camera) {
      plane.parent = camera;
    },
    dispose() {
      plane.dispose();
      mat.dispose();
      tex.dispose();
    },
  };
}
