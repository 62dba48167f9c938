/**
 * The hall's walls: a painted dado (boxes in the solid batch), clad above (one mesh per wall, its
 * texture repeated to the wall's size) and a window band on the long walls.
 */
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Batch } from './batch.js';
import { C, material } from './palette.js';
import { claddingTexture, windowTexture } from './textures.js';

export interface Walls {
  /** The clad upper walls (frozen again once the batches are built). */
  cladMeshes: Mesh[];
  /** Their material (frozen with the others). */
  clad: StandardMaterial;
}

/**
 * Builds the walls of a hall `W` × `D` × `H` metres; the dado goes into `solid`. `keep` collects what
 * the hall disposes.
 */
export function buildWalls(
  scene: Scene,
  W: number,
  D: number,
  H: number,
  solid: Batch,
  keep: <T extends { dispose(): void }>(x: T) => T,
): Walls {
  // Walls: a painted dado, clad above, a window band on the long walls.
  const cladTex = keep(claddingTexture(scene));
  const clad = keep(material(scene, 'cladding', { texture: cladTex }));
  const dado = 1.2;
  const t = 0.25;
  const wallSpecs = [
    { x: 0, z: D / 2 + t / 2, len: W, ry: 0 },
    { x: 0, z: -D / 2 - t / 2, len: W, ry: 0 },
    { x: W / 2 + t / 2, z: 0, len: D, ry: Math.PI / 2 },
    { x: -W / 2 - t / 2, z: 0, len: D, ry: Math.PI / 2 },
  ];
  const cladMeshes: Mesh[] = [];
  for (const w of wallSpecs) {
    const m = CreateBox('wall', { width: w.len + 2 * t, height: H - dado, depth: t }, scene);
    m.position.set(w.x, dado + (H - dado) / 2, w.z);
    m.rotation.y = w.ry;
    m.material = clad;
    m.freezeWorldMatrix();
    m.isPickable = false;
    cladMeshes.push(keep(m));
  }
  cladTex.uScale = W / 2.5;
  cladTex.vScale = (H - dado) / 2.5;
  for (const w of wallSpecs) solid.box(w.len + 2 * t, dado, t + 0.04, C.dado, { x: w.x, y: dado / 2, z: w.z, ry: w.ry });

  const winTex = keep(windowTexture(scene));
  winTex.uScale = (W - 4) / 4;
  const winMat = keep(material(scene, 'windows', { texture: winTex, emissive: true }));
  for (const side of [1, -1]) {
    const win = keep(CreatePlane('windows', { width: W - 4, height: 1.4 }, scene));
    win.position.set(0, H - 2.4, side * (D / 2 - 0.01));
    win.rotation.y = side > 0 ? 0 : Math.PI;
    win.material = winMat;
    win.freezeWorldMatrix();
    win.isPickable = false;
  }

  return { cladMeshes, clad };
}
