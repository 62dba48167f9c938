/**
 * A plane showing a few lines of text on a canvas texture (machine name plates, value labels). Redrawn
 * only when its text changes. Visible in XR, unlike HTML.
 */
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { markVirtual } from '../render/virtual.js';

export interface TextLine {
  text: string;
  color?: string;
  /** Font size as a fraction of the texture height (default 0.3). */
  size?: number;
  bold?: boolean;
}

export interface TextPlane {
  readonly mesh: Mesh;
  /** The lines drawn now, joined by newlines (test API). */
  readonly text: string;
  draw(lines: TextLine[], background?: string): void;
  dispose(): void;
}

export function createTextPlane(
  scene: Scene,
  name: string,
  o: { width: number; height: number; px?: number; billboard?: boolean },
): TextPlane {
  const pxW = o.px ?? 512;
  const pxH = Math.round((pxW * o.height) / o.width);
  const tex = new DynamicTexture(name, { width: pxW, height: pxH }, scene, true);
  tex.hasAlpha = true;
  const mat = new StandardMaterial(name, scene);
  mat.diffuseTexture = tex;
  mat.emissiveColor = Color3.White();
  mat.disableLighting = true;
  mat.useAlphaFromDiffuseTexture = true;
  mat.backFaceCulling = false;
  const mesh = CreatePlane(name, { width: o.width, height: o.height }, scene);
  mesh.material = mat;
  mesh.isPickable = false;
  if (o.billboard) mesh.billboardMode = TransformNode.BILLBOARDMODE_ALL;
  // Captions, labels, reaction bubbles: only in the space, a projected camera picture skips them (VC9).
  markVirtual(mesh);
  let drawn = '';
  let text = '';
  return {
    mesh,
    get text() {
      return text;
    },
    draw(lines, background = 'rgba(18,22,28,0.82)') {
      const key = JSON.stringify([lines, background]);
      if (key === drawn) return;
      drawn = key;
      text = lines.map((l) => l.text).join('\n');
      const g = tex.getContext() as unknown as CanvasRenderingContext2D;
      g.clearRect(0, 0, pxW, pxH);
      if (background !== 'transparent') {
        g.fillStyle = background;
        g.beginPath();
        g.roundRect(2, 2, pxW - 4, pxH - 4, Math.min(pxH, pxW) * 0.12);
        g.fill();
      }
      const total = lines.reduce((h, l) => h + (l.size ?? 0.3) * pxH * 1.15, 0);
      let y = (pxH - total) / 2;
      g.textAlign = 'center';
      g.textBaseline = 'top';
      for (const l of lines) {
        let size = (l.size ?? 0.3) * pxH;
        do {
          g.font = `${l.bold ? '600 ' : ''}${Math.round(size)}px system-ui, sans-serif`;
          size *= 0.92;
        } while (g.measureText(l.text).width > pxW * 0.92 && size > 8);
        g.fillStyle = l.color ?? '#eef2f6';
        g.fillText(l.text, pxW / 2, y);
        y += (l.size ?? 0.3) * pxH * 1.15;
      }
      tex.update(true);
    },
    dispose() {
      mesh.dispose();
      mat.dispose();
      tex.dispose();
    },
  };
}
