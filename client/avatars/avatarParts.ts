/**
 * The shared meshes every avatar is drawn from. Each part (head, visor, torso, hand) is one source
 * mesh and every avatar holds an instance of it with its own colour, so ten avatars cost four draw
 * calls plus their name tags.
 */
import '@babylonjs/core/Meshes/instancedMesh.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import { CreateCapsule } from '@babylonjs/core/Meshes/Builders/capsuleBuilder.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';

export type PartName = 'head' | 'visor' | 'torso' | 'hand';

export class AvatarParts {
  private readonly sources: Record<PartName, Mesh>;
  private readonly material: StandardMaterial;

  constructor(scene: Scene) {
    const m = new StandardMaterial('avatar', scene);
    m.specularColor = new Color3(0.25, 0.25, 0.25);
    m.diffuseColor = Color3.White();
    this.material = m;
    const head = CreateSphere('avatar-head', { diameterX: 0.22, diameterY: 0.26, diameterZ: 0.24, segments: 12 }, scene);
    // The visor sits in front of the face (+z in Babylon is where the head looks).
    const visor = CreateBox('avatar-visor', { width: 0.17, height: 0.07, depth: 0.06 }, scene);
    visor.position.set(0, 0.02, 0.1);
    visor.bakeCurrentTransformIntoVertices();
    const torso = CreateCapsule('avatar-torso', { height: 0.72, radius: 0.17, tessellation: 12, subdivisions: 1 }, scene);
    const hand = CreateBox('avatar-hand', { width: 0.085, height: 0.04, depth: 0.12 }, scene);
    this.sources = { head, visor, torso, hand };
    for (const s of Object.values(this.sources)) {
      s.material = m;
      s.registerInstancedBuffer('color', 4);
      s.instancedBuffers.color = new Color4(1, 1, 1, 1);
      s.isVisible = false;
      s.isPickable = false;
    }
    m.freeze();
  }

  instance(part: PartName, name: string, color: Color4): InstancedMesh {
    const inst = this.sources[part].createInstance(name);
    inst.instancedBuffers.color = color;
    inst.isPickable = false;
    return inst;
  }

  dispose(): void {
    for (const s of Object.values(this.sources)) s.dispose();
    this.material.dispose();
  }
}
