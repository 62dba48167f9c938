/**
 * The hall's colours and its few materials (one per look; the batches give each box its colour), and
 * the seeded generator that varies the goods on the racks the same way on every client.
 */
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { BaseTexture } from '@babylonjs/core/Materials/Textures/baseTexture.js';

export const C = {
  dado: '#56626c',
  steel: '#2e5d86',
  steelDark: '#23384a',
  rackUpright: '#1f4e8c',
  rackBeam: '#e2661c',
  pallet: '#b08a58',
  carton: '#c49a6c',
  cartonDark: '#a87f55',
  crateBlue: '#2b6cb0',
  wrap: '#dfe3e6',
  lampHousing: '#3a3f44',
  yellow: '#e8b91c',
  doorPanel: '#7d8891',
  benchTop: '#9c7446',
  benchLeg: '#4b5257',
  pegboard: '#a9a39a',
  red: '#c62828',
  roof: '#3b4249',
  black: '#1d1f21',
};

export function material(
  scene: Scene,
  name: string,
  opts: { specular?: number; texture?: BaseTexture; emissive?: boolean; uScale?: number; vScale?: number },
): StandardMaterial {
  const m = new StandardMaterial(name, scene);
  m.specularColor = new Color3(opts.specular ?? 0.05, opts.specular ?? 0.05, opts.specular ?? 0.05);
  if (opts.texture) {
    m.diffuseTexture = opts.texture;
    if (opts.emissive) m.emissiveTexture = opts.texture;
  }
  if (opts.emissive) {
    m.disableLighting = true;
    if (!opts.texture) m.emissiveColor = Color3.White();
  }
  return m;
}

/** A Park–Miller generator: the same hall on every client and every load. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
}
