/**
 * The board's furniture around its surface: an aluminium frame on a dark back panel with the pen
 * tray's shelf (one mesh, vertex colours) and a header strip with a hint, all unpickable.
 */
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';

/** The frame's rail thickness, m (the tray hangs below the bottom rail). */
export const BOARD_RAIL = 0.045;

/** Builds the frame and header of a `w` × `h` m board under `root`; `keep` takes what the board disposes. */
export function addBoardFrame(
  scene: Scene,
  root: TransformNode,
  w: number,
  h: number,
  keep: <T extends { dispose(): void }>(x: T) => T,
): void {
  // Frame, back panel and tray (one mesh, vertex colours).
  const frameMat = keep(new StandardMaterial('board-frame', scene));
  frameMat.specularColor = new Color3(0.5, 0.5, 0.5);
  const parts: Mesh[] = [];
  const box = (bw: number, bh: number, bd: number, color: string, x: number, y: number, z: number) => {
    const b = CreateBox(
      'board-part',
      { width: bw, height: bh, depth: bd, faceColors: Array(6).fill(Color3.FromHexString(color).toColor4()) },
      scene,
    );
    b.position.set(x, y, z);
    parts.push(b);
  };
  const t = BOARD_RAIL;
  box(w + 0.3, h + 0.5, 0.03, '#3b4650', 0, 0.1, 0.03); // back panel
  box(w + 2 * t, t, 0.05, '#c9ced3', 0, h / 2 + t / 2, 0); // top rail
  box(w + 2 * t, t, 0.05, '#c9ced3', 0, -h / 2 - t / 2, 0); // bottom rail
  box(t, h, 0.05, '#c9ced3', -w / 2 - t / 2, 0, 0);
  box(t, h, 0.05, '#c9ced3', w / 2 + t / 2, 0, 0);
  box(w * 0.92, 0.025, 0.16, '#aeb5bb', 0, -h / 2 - t - 0.012, -0.08); // tray
  box(w * 0.92, 0.05, 0.012, '#aeb5bb', 0, -h / 2 - t + 0.012, -0.155); // tray lip
  for (const p of parts) p.bakeCurrentTransformIntoVertices();
  const frame = keep(Mesh.MergeMeshes(parts, true, true)!);
  frame.name = 'board-frame';
  frame.material = frameMat;
  frame.parent = root;
  frame.isPickable = false;

  // Header strip with a hint.
  const header = keep(new DynamicTexture('board-header', { width: 2048, height: 96 }, scene, true));
  const hg = header.getContext() as unknown as CanvasRenderingContext2D;
  hg.fillStyle = '#3b4650';
  hg.fillRect(0, 0, 2048, 96);
  hg.fillStyle = '#ffffff';
  hg.font = '700 52px system-ui, sans-serif';
  hg.textBaseline = 'middle';
  hg.fillText('MEETING BOARD', 24, 50);
  hg.fillStyle = '#c8d2db';
  hg.font = '400 38px system-ui, sans-serif';
  hg.textAlign = 'right';
  hg.fillText('Draw with the mouse or the controller trigger · pens and eraser on the tray', 2024, 52);
  header.update(true);
  const headerMat = keep(unlit('board-header', scene));
  headerMat.emissiveTexture = header;
  const headerPlane = keep(CreatePlane('board-header', { width: w, height: (w * 96) / 2048 }, scene));
  headerPlane.material = headerMat;
  headerPlane.parent = root;
  headerPlane.position.set(0, h / 2 + t + 0.02 + (w * 48) / 2048, 0.012);
  headerPlane.isPickable = false;
}

/** A material whose emissive texture is the whole colour (emissive adds to diffuse and lighting). */
export function unlit(name: string, scene: Scene): StandardMaterial {
  const m = new StandardMaterial(name, scene);
  m.disableLighting = true;
  m.diffuseColor = Color3.Black();
  m.specularColor = Color3.Black();
  m.emissiveColor = Color3.Black();
  return m;
}
