/**
 * A twin's glTF model from file to parts: fetched within the size bound with progress, then parsed
 * within the triangle bound (SPEC GM1–GM5). Which parts need their own material is the view's call:
 * those a colour binding drives and those people carry.
 */
import type { Scene } from '@babylonjs/core/scene.js';
import type { TwinExtension } from '../../shared/twin/extension.js';
import { fetchModel } from './fetchModel.js';
import { buildGltfParts, type BuiltModel } from './gltfParts.js';

export { disposeBuiltModel } from './gltfParts.js';

/** Parts that get a material of their own, as TwinView gives them to recipe parts. */
export function ownMaterialParts(ext: TwinExtension): Set<string> {
  return new Set([...ext.bindings.filter((b) => b.kind === 'color').map((b) => b.part), ...ext.movable.map((m) => m.part)]);
}

/** Loads `file` (a path under assets/) for twin `twinId`. Throws ModelError. */
export async function loadTwinModel(d: {
  scene: Scene;
  base: string;
  file: string;
  twinId: string;
  ext: TwinExtension;
  /** Fraction of the file read (0…1), or −1 while its length is unknown. */
  progress?: (fraction: number) => void;
}): Promise<BuiltModel> {
  const bytes = await fetchModel(d.base, d.file, d.progress);
  return buildGltfParts(d.scene, bytes, d.file, d.twinId, ownMaterialParts(d.ext));
}
