/**
 * What exists only in the virtual space (SPEC VC9): avatars, name tags, reaction bubbles, panels, camera
 * screens, site markers, lines, a projection's frustum, XR controllers and pointers. A real camera's
 * picture projected onto the scene (client/video/projection.ts) must neither land on them nor be
 * hidden by them: a person walking under a camera is not in its feed.
 *
 * The tag is one layer-mask bit, so a light leaves tagged meshes out by itself
 * (`light.excludeWithLayerMask = VIRTUAL_LAYER`), new ones included. The bit lies outside the cameras'
 * default mask (0x0FFFFFFF), so a tagged mesh is seen exactly as before. Children inherit it: a mesh
 * created later under a tagged node, or an instance of a tagged mesh, is tagged when Babylon announces
 * it — which it does after the code that made it has run (a deferred call), so its parent is set by then.
 */
import { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh.js';
import type { Node } from '@babylonjs/core/node.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** The layer-mask bit of what exists only in the space (outside the cameras' default mask). */
export const VIRTUAL_LAYER = 0x10000000;

/** Tagged nodes that are not meshes (a transform node holding an avatar's or a board's meshes). */
const tagged = new WeakSet<Node>();
/** Scenes whose new meshes are checked for a tagged parent. */
const watched = new WeakSet<Scene>();

/** Tags `node` and everything under it, now and later, as existing only in the virtual space. */
export function markVirtual(node: Node): void {
  tagged.add(node);
  tag(node);
  for (const child of node.getDescendants(false)) tag(child);
  watch(node.getScene());
}

/**
 * Whether `node` exists only in the virtual space: tagged itself, under a tagged node, an instance of
 * one, or lines (nothing real is drawn as lines: a frustum, a teleport arc).
 */
export function isVirtual(node: Node | null | undefined): boolean {
  if (node?.getClassName() === 'LinesMesh') return true;
  for (let n: Node | null | undefined = node; n; n = n.parent) {
    if (tagged.has(n)) return true;
    if (n instanceof AbstractMesh) {
      if (n.layerMask & VIRTUAL_LAYER) return true;
      if (n.getClassName() === 'InstancedMesh' && isVirtual((n as InstancedMesh).sourceMesh)) return true;
    }
  }
  return false;
}

function tag(node: Node): void {
  if (node instanceof AbstractMesh) node.layerMask |= VIRTUAL_LAYER;
}

/** A mesh added to the scene takes the tag if it is under a tagged node or an instance of a tagged mesh. */
function watch(scene: Scene): void {
  if (watched.has(scene)) return;
  watched.add(scene);
  scene.onNewMeshAddedObservable.add((mesh) => {
    if (!mesh.isDisposed() && isVirtual(mesh)) tag(mesh);
  });
}
