/**
 * Procedural textures for the hall, painted on canvases: no image files to download, and every hall
 * size gets floor markings that fit it.
 */
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { Texture } from '@babylonjs/core/Materials/Textures/texture.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { mulberry32 } from '../../../shared/random.js';

function canvasTexture(
  name: string,
  width: number,
  height: number,
  scene: Scene,
  paint: (g: CanvasRenderingContext2D) => void,
): DynamicTexture {
  const tex = new DynamicTexture(name, { width, height }, scene, true);
  paint(tex.getContext() as unknown as CanvasRenderingContext2D);
  tex.update(true);
  tex.anisotropicFilteringLevel = 4;
  return tex;
}

/**
 * The concrete floor of a `width` × `depth` metre hall with expansion joints every 4 m, a yellow
 * walkway round the walls, a hatched loading zone and a green ring where people arrive (`spawn`,
 * Babylon x/z). Texture x runs along the hall's x, texture y
 * along its z (Babylon +z at the top).
 */
export function floorTexture(
  scene: Scene,
  width: number,
  depth: number,
  spawn: { x: number; z: number } = { x: 0, z: -depth / 2 + 4 },
): DynamicTexture {
  const ppm = 40; // pixels per metre
  const w = Math.min(2048, Math.round(width * ppm));
  const h = Math.min(2048, Math.round(depth * ppm));
  const sx = w / width;
  const sz = h / depth;
  // Canvas y grows downwards and the ground maps the canvas top to Babylon +z.
  const X = (x: number) => (x + width / 2) * sx;
  const Z = (z: number) => (depth / 2 - z) * sz;
  return canvasTexture('floor', w, h, scene, (g) => {
    const r = mulberry32(7);
    g.fillStyle = '#8b8f92';
    g.fillRect(0, 0, w, h);
    // Large soft blotches: trowel marks and wear.
    for (let i = 0; i < 260; i++) {
      const x = r() * w;
      const y = r() * h;
      const rad = 20 + r() * 120;
      const grad = g.createRadialGradient(x, y, 0, x, y, rad);
      const shade = r() < 0.5 ? '0,0,0' : '255,255,255';
      grad.addColorStop(0, `rgba(${shade},${0.03 + r() * 0.04})`);
      grad.addColorStop(1, `rgba(${shade},0)`);
      g.fillStyle = grad;
      g.fillRect(x - rad, y - rad, rad * 2, rad * 2);
    }
    // Speckle.
    for (let i = 0; i < w * h * 0.02; i++) {
      const v = r() < 0.5 ? 60 : 200;
      g.fillStyle = `rgba(${v},${v},${v},${0.12 + r() * 0.15})`;
      g.fillRect(r() * w, r() * h, 1 + r() * 1.5, 1 + r() * 1.5);
    }
    // Expansion joints.
    g.strokeStyle = 'rgba(40,42,45,0.55)';
    g.lineWidth = 2;
    for (let x = -width / 2 + 4; x < width / 2; x += 4) {
      g.beginPath();
      g.moveTo(X(x), 0);
      g.lineTo(X(x), h);
      g.stroke();
    }
    for (let z = -depth / 2 + 4; z < depth / 2; z += 4) {
      g.beginPath();
      g.moveTo(0, Z(z));
      g.lineTo(w, Z(z));
      g.stroke();
    }
    // Walkway: two yellow lines 1.2 m and 2.6 m from the walls.
    g.strokeStyle = '#e8b91c';
    g.lineWidth = 0.1 * sx;
    for (const inset of [1.2, 2.6]) {
      g.strokeRect(X(-width / 2 + inset), Z(depth / 2 - inset), (width - 2 * inset) * sx, (depth - 2 * inset) * sz);
    }
    // Walking arrows in the walkway.
    g.fillStyle = 'rgba(255,255,255,0.75)';
    for (let x = -width / 2 + 5; x < width / 2 - 4; x += 6) {
      const y = Z(-depth / 2 + 1.9);
      const cx = X(x);
      g.beginPath();
      g.moveTo(cx + 0.5 * sx, y);
      g.lineTo(cx - 0.2 * sx, y - 0.35 * sz);
      g.lineTo(cx - 0.2 * sx, y + 0.35 * sz);
      g.closePath();
      g.fill();
    }
    // Hatched loading zone by the door (the +x wall), yellow and black.
    const zx = X(width / 2 - 2.6);
    const zz = Z(2.5);
    const zw = 2.6 * sx;
    const zh = 5 * sz;
    g.save();
    g.beginPath();
    g.rect(zx, zz, zw, zh);
    g.clip();
    g.fillStyle = '#1d1d1d';
    g.fillRect(zx, zz, zw, zh);
    g.strokeStyle = '#e8b91c';
    g.lineWidth = 0.25 * sx;
    for (let t = -zh; t < zw + zh; t += 0.7 * sx) {
      g.beginPath();
      g.moveTo(zx + t, zz);
      g.lineTo(zx + t - zh, zz + zh);
      g.stroke();
    }
    g.restore();
    // Meeting point: a green ring with a white cross where people arrive.
    g.strokeStyle = '#2f9e5b';
    g.lineWidth = 0.12 * sx;
    g.beginPath();
    g.arc(X(spawn.x), Z(spawn.z), 1.8 * sx, 0, Math.PI * 2);
    g.stroke();
  });
}

/** Corrugated cladding: vertical ribs, light grey, tiled along the wall. */
export function claddingTexture(scene: Scene): DynamicTexture {
  const tex = canvasTexture('cladding', 256, 256, scene, (g) => {
    g.fillStyle = '#c6ccd2';
    g.fillRect(0, 0, 256, 256);
    for (let i = 0; i < 8; i++) {
      const x = i * 32;
      const grad = g.createLinearGradient(x, 0, x + 32, 0);
      grad.addColorStop(0, 'rgba(0,0,0,0.16)');
      grad.addColorStop(0.35, 'rgba(255,255,255,0.14)');
      grad.addColorStop(0.6, 'rgba(0,0,0,0.02)');
      grad.addColorStop(1, 'rgba(0,0,0,0.18)');
      g.fillStyle = grad;
      g.fillRect(x, 0, 32, 256);
    }
    const r = mulberry32(3);
    for (let i = 0; i < 400; i++) {
      g.fillStyle = `rgba(90,80,70,${r() * 0.06})`;
      g.fillRect(r() * 256, r() * 256, 2 + r() * 6, 10 + r() * 40);
    }
  });
  tex.wrapU = Texture.WRAP_ADDRESSMODE;
  tex.wrapV = Texture.WRAP_ADDRESSMODE;
  return tex;
}

/** A window band: panes with mullions, bright sky behind them. */
export function windowTexture(scene: Scene): DynamicTexture {
  const tex = canvasTexture('windows', 256, 128, scene, (g) => {
    const sky = g.createLinearGradient(0, 0, 0, 128);
    sky.addColorStop(0, '#eef5fb');
    sky.addColorStop(1, '#bcd3e6');
    g.fillStyle = sky;
    g.fillRect(0, 0, 256, 128);
    g.fillStyle = '#48525b';
    for (let x = 0; x <= 256; x += 64) g.fillRect(x - 3, 0, 6, 128);
    g.fillRect(0, 0, 256, 6);
    g.fillRect(0, 122, 256, 6);
    g.fillRect(0, 61, 256, 4);
  });
  tex.wrapU = Texture.WRAP_ADDRESSMODE;
  return tex;
}

/** A painted wall sign. */
export function signTexture(scene: Scene, title: string, subtitle: string): DynamicTexture {
  return canvasTexture('sign', 1024, 256, scene, (g) => {
    g.fillStyle = '#1f3b57';
    g.fillRect(0, 0, 1024, 256);
    g.fillStyle = '#e8b91c';
    g.fillRect(0, 0, 24, 256);
    g.fillStyle = '#ffffff';
    g.textBaseline = 'middle';
    let size = 110;
    do {
      g.font = `bold ${size}px sans-serif`;
      size -= 6;
    } while (g.measureText(title).width > 1024 - 100 && size > 40);
    g.fillText(title, 60, 100);
    g.font = '48px sans-serif';
    g.fillStyle = '#c9d7e3';
    g.fillText(subtitle, 64, 200);
  });
}

/** Yellow and black safety stripes (column guards, barriers). */
export function hazardTexture(scene: Scene): DynamicTexture {
  const tex = canvasTexture('hazard', 128, 128, scene, (g) => {
    g.fillStyle = '#e8b91c';
    g.fillRect(0, 0, 128, 128);
    g.fillStyle = '#1b1b1b';
    for (let t = -128; t < 256; t += 48) {
      g.beginPath();
      g.moveTo(t, 0);
      g.lineTo(t + 24, 0);
      g.lineTo(t + 24 - 128, 128);
      g.lineTo(t - 128, 128);
      g.closePath();
      g.fill();
    }
  });
  tex.wrapU = Texture.WRAP_ADDRESSMODE;
  tex.wrapV = Texture.WRAP_ADDRESSMODE;
  return tex;
}
