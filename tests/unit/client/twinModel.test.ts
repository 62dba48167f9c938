/**
 * The machine model's static batch (client/twins/model.ts) on Babylon's NullEngine: which parts
 * become one mesh, which stay their own, and that the batch keeps every merged part's geometry.
 */
import { describe, expect, it } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Primitive } from '../../../shared/twin/extension.js';
import { buildModel, mergeStaticParts, recipeParents } from '../../../client/twins/model.js';

const box = (id: string, x: number, parent?: string): Primitive => ({
  id,
  shape: 'box',
  size: [0.5, 0.5, 0.5],
  position: [x, 0.25, 0],
  color: '#808080',
  ...(parent ? { parent } : {}),
});

function setup(primitives: Primitive[], coloured: string[] = []) {
  const scene = new Scene(new NullEngine());
  const root = new TransformNode('twin-m', scene);
  const parts = buildModel(scene, root, primitives, 'm', new Set(coloured));
  return { scene, root, parts };
}

describe('mergeStaticParts', () => {
  it('merges what nothing drives; keeps bound, coloured and carried parts, their ancestors and their descendants', () => {
    const primitives = [
      box('base', 0),
      box('frame', 1),
      box('hood', 2),
      box('spindle', 3), // rotated by a binding: kept
      box('chuck', 0.2, 'spindle'), // rides on the spindle: kept
      box('column', 4),
      box('gauge', 0.1, 'column'), // a gauge: kept, and so its parent column
      box('lamp', 5), // coloured by a binding: own material
      box('cover', 6), // movable
    ];
    const { scene, root, parts } = setup(primitives, ['lamp']);
    const batch = mergeStaticParts(root, parts, recipeParents(primitives), new Set(['spindle', 'gauge', 'lamp', 'cover']), 'm');
    expect(batch).not.toBeNull();
    expect(batch!.merged.sort()).toEqual(['base', 'frame', 'hood']);
    expect(batch!.mesh.name).toBe('m/body');
    expect(batch!.mesh.metadata).toMatchObject({ twin: 'm', part: 'body', interactive: true });
    expect(batch!.mesh.parent).toBe(root);
    // Merged parts are hidden (their batch draws them); the rest still draw themselves.
    for (const id of ['base', 'frame', 'hood']) expect(parts.get(id)!.mesh.isEnabled(false)).toBe(false);
    for (const id of ['spindle', 'chuck', 'column', 'gauge', 'lamp', 'cover']) expect(parts.get(id)!.mesh.isEnabled(false)).toBe(true);
    // The batch holds the three boxes' vertices and spans them: x from −0.25 to 2.25.
    expect(batch!.mesh.getTotalVertices()).toBe(3 * parts.get('base')!.mesh.getTotalVertices());
    batch!.mesh.computeWorldMatrix(true);
    const b = batch!.mesh.getBoundingInfo().boundingBox;
    expect(b.minimumWorld.x).toBeCloseTo(-0.25, 5);
    expect(b.maximumWorld.x).toBeCloseTo(2.25, 5);
    scene.getEngine().dispose();
  });

  it('leaves a machine with fewer than two static parts alone', () => {
    const primitives = [box('base', 0), box('spindle', 1)];
    const { scene, root, parts } = setup(primitives);
    expect(mergeStaticParts(root, parts, recipeParents(primitives), new Set(['spindle']), 'm')).toBeNull();
    expect(parts.get('base')!.mesh.isEnabled(false)).toBe(true);
    scene.getEngine().dispose();
  });
});
