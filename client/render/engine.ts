/**
 * Engine and scene creation: WebGL2 with sensible defaults for a shared space that must also hold
 * 72 fps on a Quest (no anti-aliasing cost on mobile GPUs beyond MSAA, hardware scaling on high-DPI).
 */
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { Color4 } from '@babylonjs/core/Maths/math.color.js';
// Picking (pointing at machines, the board, teleport targets) registers by side effect.
import '@babylonjs/core/Culling/ray.js';
// Bundled, not fetched on first use: the full-screen pass shader is first needed at moments the server
// may be unreachable (a restart), and a lazily imported chunk that cannot be fetched breaks the effect.
import '@babylonjs/core/Shaders/postprocess.vertex.js';
import '@babylonjs/core/Shaders/pass.fragment.js';

export function createEngine(canvas: HTMLCanvasElement): Engine {
  const engine = new Engine(canvas, true, { stencil: true, preserveDrawingBuffer: false, xrCompatible: true }, true);
  // Cap the render scale on very dense screens: the hall does not need 3× pixels.
  engine.setHardwareScalingLevel(Math.max(1, window.devicePixelRatio / 1.5) / window.devicePixelRatio);
  window.addEventListener('resize', () => engine.resize());
  return engine;
}

export function createScene(engine: Engine): Scene {
  const scene = new Scene(engine);
  scene.clearColor = new Color4(0.62, 0.68, 0.74, 1);
  scene.skipPointerMovePicking = true;
  return scene;
}
