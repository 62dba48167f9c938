/**
 * Avatars' level of detail (client/avatars/avatarParts.ts, SPEC AV5) on Babylon's NullEngine: near
 * people are drawn from their style's full shapes, far ones from a low cut of the same shapes that
 * takes the same per-person colour, at a fraction of the triangles.
 */
import { describe, expect, it } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { AVATAR_STYLES } from '../../../shared/avatar/styles.js';
import { AvatarParts, FAR_DETAIL_M, type PartName } from '../../../client/avatars/avatarParts.js';

const PARTS: PartName[] = ['head', 'dark', 'light', 'torso'];
const triangles = (m: Mesh) => m.getTotalIndices() / 3;

describe('avatar level of detail', () => {
  it('AV5: past FAR_DETAIL_M each part of every style is drawn from a low cut, coloured per person, with at most a third of the triangles', () => {
    const scene = new Scene(new NullEngine());
    const camera = new FreeCamera('eye', new Vector3(0, 1.6, 0), scene);
    scene.activeCamera = camera;
    const parts = new AvatarParts(scene);
    const color = new Color4(0.2, 0.5, 0.9, 1);
    let full = 0;
    let low = 0;
    for (const style of AVATAR_STYLES) {
      for (const part of PARTS) {
        const near = parts.instance(style, part, `${style}-${part}-near`, color);
        const far = parts.instance(style, part, `${style}-${part}-far`, color);
        near.position.set(0, 1.6, -(FAR_DETAIL_M - 2));
        far.position.set(0, 1.6, -(FAR_DETAIL_M + 4));
        near.computeWorldMatrix(true);
        far.computeWorldMatrix(true);
        const nearMesh = near.getLOD(camera) as Mesh;
        const farMesh = far.getLOD(camera) as Mesh;
        expect(nearMesh, `${style} ${part} near`).toBe(near.sourceMesh);
        expect(farMesh, `${style} ${part} far`).not.toBe(near.sourceMesh);
        expect(farMesh.name).toContain('-low');
        // The per-instance colour is a buffer of the low mesh too, or the far person would lose it.
        expect(farMesh.instancedBuffers.color, `${style} ${part} colour`).toBeDefined();
        expect(triangles(farMesh)).toBeLessThanOrEqual(triangles(nearMesh));
        full += triangles(nearMesh);
        low += triangles(farMesh);
      }
    }
    expect(low * 3).toBeLessThanOrEqual(full);
    parts.dispose();
    expect(scene.meshes.filter((m) => m.name.startsWith('avatar-'))).toEqual([]);
  });
});
