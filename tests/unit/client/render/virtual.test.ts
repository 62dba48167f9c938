/**
 * The tag of what exists only in the virtual space (client/render/virtual.ts, SPEC VC9), on Babylon's
 * NullEngine: a tagged node's meshes, those made under it later and instances of a tagged mesh carry
 * the layer bit a projection's lights leave out; an untagged mesh does not.
 */
import { describe, expect, it } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import '@babylonjs/core/Meshes/instancedMesh.js';
import { Scene } from '@babylonjs/core/scene.js';
import { isVirtual, markVirtual, VIRTUAL_LAYER } from '../../../../client/render/virtual.js';

function scene(): Scene {
  const s = new Scene(new NullEngine());
  new FreeCamera('eye', new Vector3(0, 1, -5), s);
  return s;
}

describe('virtual tag', () => {
  it('VC9: a tagged node and its children, made before or after the tag, and instances of a tagged mesh are virtual; the rest is not', async () => {
    const s = scene();
    const root = new TransformNode('avatar', s);
    const before = CreateBox('before', { size: 1 }, s);
    before.parent = root;
    const real = CreateBox('machine', { size: 1 }, s);
    markVirtual(root);
    expect(isVirtual(before)).toBe(true);
    expect(before.layerMask & VIRTUAL_LAYER).toBe(VIRTUAL_LAYER);

    // Made later: the builder parents it after the constructor; Babylon announces the mesh after that.
    const later = CreateBox('later', { size: 1 }, s);
    later.parent = root;
    const grandchild = CreateBox('grandchild', { size: 1 }, s);
    grandchild.parent = later;
    const source = CreateBox('hand', { size: 1 }, s);
    markVirtual(source);
    const announced = new Promise<void>((resolve) => s.onNewMeshAddedObservable.add((m) => m.name === 'hand-1' && resolve()));
    const instance = source.createInstance('hand-1');
    expect(isVirtual(later)).toBe(true);
    expect(isVirtual(grandchild)).toBe(true);
    expect(isVirtual(instance)).toBe(true);
    await announced;
    for (const m of [later, grandchild, instance]) expect(m.layerMask & VIRTUAL_LAYER, m.name).toBe(VIRTUAL_LAYER);

    // What is real is not tagged, and a tagged mesh stays seen by the default camera.
    expect(isVirtual(real)).toBe(false);
    expect(real.layerMask & VIRTUAL_LAYER).toBe(0);
    expect(before.layerMask & s.activeCamera!.layerMask).not.toBe(0);
  });
});
