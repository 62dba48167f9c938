/**
 * Pixel probes for the test API (test builds read them; nothing else does): whether a camera's
 * picture really reaches the video element, the screen's texture and the rendered frame — a black
 * screen with frames counting would pass every other check.
 */
import type { BaseTexture } from '@babylonjs/core/Materials/Textures/baseTexture.js';
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** Mean colour (0–255 each) and how much the pixels differ from it (a test pattern differs a lot; black does not). */
export interface PixelMean {
  rgb: [number, number, number];
  spread: number;
}

export function meanOf(data: ArrayLike<number>): PixelMean {
  const n = Math.floor(data.length / 4);
  const sum = [0, 0, 0];
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) sum[c]! += data[i * 4 + c]!;
  const rgb = sum.map((s) => (n ? s / n : 0)) as [number, number, number];
  let spread = 0;
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) spread += Math.abs(data[i * 4 + c]! - rgb[c]!);
  return { rgb: rgb.map(Math.round) as [number, number, number], spread: n ? Math.round(spread / n) : 0 };
}

/** The video element's current picture, drawn small. */
export function videoMean(video: HTMLVideoElement): PixelMean | null {
  if (video.videoWidth === 0) return null;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 18;
  const g = canvas.getContext('2d', { willReadFrequently: true });
  if (!g) return null;
  g.drawImage(video, 0, 0, canvas.width, canvas.height);
  return meanOf(g.getImageData(0, 0, canvas.width, canvas.height).data);
}

/** What a GPU texture holds now. */
export async function textureMean(texture: BaseTexture | null): Promise<PixelMean | null> {
  const data = await texture?.readPixels();
  return data ? meanOf(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) : null;
}

/** The rendered frame around where a world point (Babylon frame) lands on the canvas: the next frame, 8×8 pixels; null when off screen. */
export function renderedMean(scene: Scene, world: Vector3): Promise<PixelMean | null> {
  return new Promise((resolve) => {
    scene.onAfterRenderObservable.addOnce(() => {
      const engine = scene.getEngine();
      const cam = scene.activeCamera;
      const w = engine.getRenderWidth();
      const h = engine.getRenderHeight();
      if (!cam) return resolve(null);
      const p = Vector3.Project(world, Matrix.IdentityReadOnly, scene.getTransformMatrix(), cam.viewport.toGlobal(w, h));
      // readPixels counts rows from the bottom.
      const x = Math.round(p.x) - 4;
      const y = h - Math.round(p.y) - 4;
      if (p.z < 0 || p.z > 1 || x < 0 || y < 0 || x + 8 > w || y + 8 > h) return resolve(null);
      engine.readPixels(x, y, 8, 8, true, false).then(
        (d) => resolve(meanOf(new Uint8Array(d.buffer, d.byteOffset, d.byteLength))),
        () => resolve(null),
      );
    });
  });
}
