/**
 * The shared meshes every avatar is drawn from. Each style (SPEC AV1) has a head, a face in two
 * colours and a torso (styleShapes.ts); hands are the same for all. Every avatar holds instances of
 * its style's meshes with its own colour, so any number of people cost at most four draw calls per style worn plus
 * one for all hands; one material for heads, bodies and hands, one for faces. Past FAR_DETAIL_M each
 * instance is drawn from the style's low cut instead (SPEC AV5: Babylon's LOD picks per instance, and
 * the low meshes take the same per-instance colour), so a full hall costs a few hundred triangles a
 * far person instead of 1–3k.
 */
import '@babylonjs/core/Meshes/instancedMesh.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { AvatarStyleId } from '../../shared/avatar/styles.js';
import { buildStyle, type StyleShapes } from './styleShapes.js';
import { markVirtual } from '../render/virtual.js';

export type PartName = keyof StyleShapes;

/** Beyond this distance from the eye (m) a person is drawn from the low cut (SPEC AV5). */
export const FAR_DETAIL_M = 5;

export class AvatarParts {
  private readonly styles = new Map<AvatarStyleId, StyleShapes>();
  private readonly lows: StyleShapes[] = [];
  private readonly hand: Mesh;
  private readonly material: StandardMaterial;
  /** Faces: no shine, so a visor stays dark glass under any light. */
  private readonly faceMaterial: StandardMaterial;

  constructor(private readonly scene: Scene) {
    const m = new StandardMaterial('avatar', scene);
    m.specularColor = new Color3(0.25, 0.25, 0.25);
    m.diffuseColor = Color3.White();
    this.material = m;
    const f = new StandardMaterial('avatar-face', scene);
    f.specularColor = Color3.Black();
    f.diffuseColor = Color3.White();
    this.faceMaterial = f;
    this.hand = this.prepare(CreateBox('avatar-hand', { width: 0.085, height: 0.04, depth: 0.12 }, scene), m);
  }

  private prepare(s: Mesh, material: StandardMaterial): Mesh {
    s.material = material;
    s.registerInstancedBuffer('color', 4);
    s.instancedBuffers.color = new Color4(1, 1, 1, 1);
    s.isVisible = false;
    s.isPickable = false;
    // People are not in a real camera's feed: its projection neither paints them nor is hidden by them
    // (SPEC VC9); every avatar's instances are of these meshes and take the tag from them.
    markVirtual(s);
    return s;
  }

  /** A style's meshes, built the first time someone wears it. */
  private shapes(style: AvatarStyleId): StyleShapes {
    let s = this.styles.get(style);
    if (!s) {
      s = buildStyle(style, this.scene);
      const low = buildStyle(style, this.scene, 'low');
      for (const part of ['head', 'torso', 'dark', 'light'] as const) {
        const material = part === 'head' || part === 'torso' ? this.material : this.faceMaterial;
        this.prepare(s[part], material);
        this.prepare(low[part], material);
        s[part].addLODLevel(FAR_DETAIL_M, low[part]);
      }
      this.styles.set(style, s);
      this.lows.push(low);
    }
    return s;
  }

  instance(style: AvatarStyleId, part: PartName, name: string, color: Color4): InstancedMesh {
    return this.make(this.shapes(style)[part], name, color);
  }

  handInstance(name: string, color: Color4): InstancedMesh {
    return this.make(this.hand, name, color);
  }

  private make(source: Mesh, name: string, color: Color4): InstancedMesh {
    const inst = source.createInstance(name);
    inst.instancedBuffers.color = color;
    inst.isPickable = false;
    return inst;
  }

  dispose(): void {
    for (const s of [...this.styles.values(), ...this.lows]) for (const mesh of Object.values(s)) mesh.dispose();
    this.hand.dispose();
    this.material.dispose();
    this.faceMaterial.dispose();
  }
}
