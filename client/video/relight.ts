/**
 * Materials frozen for speed keep the lights and shadows they were compiled with: a projection's lights
 * added later (client/video/projection.ts) would not reach them. They are thawed for the frames a recompile needs, then frozen again.
 */
import type { Material } from '@babylonjs/core/Materials/material.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** Frames a thawed material is given to recompile before it is frozen again. */
const THAW_FRAMES = 3;

/** Thaws `materials` (default: every frozen material of the scene) and freezes them again after a few frames. */
export function relightFrozen(scene: Scene, materials: Material[] = scene.materials): void {
  const frozen = materials.filter((m) => m.isFrozen);
  for (const m of frozen) {
    m.unfreeze();
    m.markAsDirty(1 /* Material.LightDirtyFlag: its lights changed */);
  }
  if (frozen.length === 0) return;
  let frames = 0;
  const o = scene.onAfterRenderObservable.add(() => {
    if (++frames < THAW_FRAMES) return;
    scene.onAfterRenderObservable.remove(o);
    for (const m of frozen) m.freeze();
  });
}
