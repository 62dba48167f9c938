/**
 * A building stands in for the procedural hall (client/building/space.ts, SPEC BM4) on Babylon's
 * NullEngine: the hall's walls, roof, racks and sign go with their materials and textures (hidden,
 * they would still be held and counted), its lights and invisible floor stay; a building that cannot
 * be loaded leaves the whole hall. The plant is converted by the server's converter and served over
 * loopback HTTP (tests/support/sampleBuilding.ts). Node has no 2D canvas: the hall's textures paint
 * on stand-ins that take every call, so what is checked is which materials and textures exist, not
 * what they show.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ICanvas } from '@babylonjs/core/Engines/ICanvas.js';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
import { spaceOfBuilding } from '../../../../client/building/space.js';
import { buildHall } from '../../../../client/render/hall/hall.js';
import { openGround } from '../../../../client/render/hall/openGround.js';
import { SAMPLE_BUILDING_TIMEOUT_MS, serveSampleBuilding, type SampleBuildingServer } from '../../../support/sampleBuilding.js';

/** A 2D context that takes every call and returns itself (a gradient's addColorStop, a pattern…). */
const context: Record<string, unknown> = new Proxy(
  {},
  {
    get: (_t, key) => (key === 'measureText' ? () => ({ width: 0 }) : () => context),
    set: () => true,
  },
);

function nullScene(): Scene {
  const engine = new NullEngine();
  engine.createCanvas = (width: number, height: number) =>
    ({ width, height, getContext: () => context, toDataURL: () => '', remove: () => undefined }) as unknown as ICanvas;
  return new Scene(engine);
}

/** The hall of the plant's size (SPEC BM7: 24 × 18 × 8 m) in `scene`. */
const hallIn = (scene: Scene) => buildHall(scene, { width: 24, depth: 18, height: 8 }, { title: 'Plant', subtitle: 'Space' });

/** What the scene holds, as bench/scene.ts counts it. */
const counts = (scene: Scene) => ({
  materials: scene.materials.map((m) => m.name).sort(),
  textures: scene.textures.map((t) => t.name).sort(),
  meshes: scene.meshes.map((m) => m.name).sort(),
  lights: scene.lights.map((l) => l.name).sort(),
});

const HALL_MATERIALS = ['cladding', 'floor', 'hall-glow', 'hall-matte', 'hall-metal', 'hazard', 'sign', 'windows'];

let server: SampleBuildingServer;
const scenes: Scene[] = [];

beforeAll(async () => {
  server = await serveSampleBuilding();
}, SAMPLE_BUILDING_TIMEOUT_MS);
afterAll(async () => {
  for (const s of scenes) s.getEngine().dispose();
  await server?.close();
});

describe('a building stands in for the procedural hall (SPEC BM4)', () => {
  it('BM4: the hall’s walls, racks and sign go with their materials and textures; its lights and invisible floor stay', async () => {
    const scene = nullScene();
    scenes.push(scene);
    const hall = hallIn(scene);
    const before = counts(scene);
    expect(before.materials).toEqual(HALL_MATERIALS);
    expect(before.textures.length).toBeGreaterThanOrEqual(5);
    const failed: string[] = [];
    const { hall: space, building } = await spaceOfBuilding(scene, server.url, 'plant', hall, {
      progress: () => undefined,
      failed: (m) => failed.push(m),
    });
    expect(failed).toEqual([]);
    expect(building).not.toBeNull();
    const after = counts(scene);
    // Only the building's own materials are left (one per batch, and Babylon's one shared fallback
    // that loading the glb brings), and none of the hall's textures.
    expect(after.materials.filter((m) => HALL_MATERIALS.includes(m))).toEqual([]);
    expect(after.materials.filter((m) => !m.startsWith('building-'))).toEqual(['default material']);
    expect(after.materials.length).toBe(building!.meshes.length + 1);
    expect(after.textures.filter((t) => before.textures.includes(t))).toEqual([]);
    expect(after.lights).toEqual(before.lights);
    // The hall's meshes but its floor are gone; the floor is invisible and still the teleport target.
    const hallMeshes = before.meshes.filter((m) => m !== 'floor');
    expect(after.meshes.filter((m) => hallMeshes.includes(m))).toEqual([]);
    expect(space.floor).toBe(hall.floor);
    expect(space.floor.isDisposed()).toBe(false);
    expect(space.floor.visibility).toBe(0);
    expect(space.floor.isPickable).toBe(true);
    // AR passthrough hides the building; leaving it shows the building, never the dropped hall.
    space.setEnvironmentVisible(false);
    expect(building!.meshes.every((m) => !m.isEnabled())).toBe(true);
    space.setEnvironmentVisible(true);
    expect(building!.meshes.every((m) => m.isEnabled())).toBe(true);
    expect(space.floor.visibility).toBe(0);
    space.dispose();
    expect(scene.materials.map((m) => m.name)).toEqual(['default material']);
    expect(scene.lights).toEqual([]);
  });

  it('BM4: a building that cannot be loaded leaves the whole procedural hall, materials and all', async () => {
    const scene = nullScene();
    scenes.push(scene);
    const hall = hallIn(scene);
    const before = counts(scene);
    const failed: string[] = [];
    const { hall: space, building } = await spaceOfBuilding(scene, server.url, 'missing', hall, {
      progress: () => undefined,
      failed: (m) => failed.push(m),
    });
    expect(building).toBeNull();
    expect(failed).toHaveLength(1);
    expect(failed[0]).toContain('buildings/missing.json');
    expect(space).toBe(hall);
    expect(counts(scene)).toEqual(before);
    expect(hall.floor.visibility).toBe(1);
  });

  it('GS8: an overview’s open ground drops the hall’s materials too, keeping its lights and invisible floor', () => {
    const scene = nullScene();
    scenes.push(scene);
    const ground = openGround(hallIn(scene));
    const after = counts(scene);
    expect(after.materials).toEqual([]);
    expect(after.textures).toEqual([]);
    expect(after.meshes).toEqual(['floor']);
    expect(after.lights).toHaveLength(2);
    expect(ground.floor.visibility).toBe(0);
    expect(ground.obstacles).toEqual([]);
  });
});
