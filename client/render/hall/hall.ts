/**
 * The factory hall, built procedurally from the space's size: concrete floor with walkway markings,
 * clad walls with a window band, a steel frame with roof trusses and pendant lamps, pallet racks,
 * a roll-up door, a workbench and safety barriers. Babylon frame (left-handed, +z away from the spawn).
 * This file lights and composes it; `walls.ts`, `frame.ts` and `furniture.ts` build the parts into the
 * batches (`batch.ts`), `palette.ts` holds the colours and materials, `textures.ts` the textures.
 */
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder.js';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { DirectionalLight } from '@babylonjs/core/Lights/directionalLight.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { Batch } from './batch.js';
import { steelFrame } from './frame.js';
import { furnish, type FloorObstacle } from './furniture.js';
import { C, material, seeded } from './palette.js';
import { floorTexture, hazardTexture, signTexture } from './textures.js';
import { buildWalls } from './walls.js';

export interface HallSize {
  width: number;
  depth: number;
  height: number;
  /** Where people arrive, Babylon x/z (the floor marks it). */
  spawn?: { x: number; z: number };
}

export interface Hall {
  /** The walkable floor (teleport target, pointer hits). */
  floor: Mesh;
  /** Things people cannot walk through (racks, bench), besides the walls. */
  obstacles: FloorObstacle[];
  /** Shows or hides the building and its furniture (hidden in AR passthrough); the floor stays pickable. */
  setEnvironmentVisible(on: boolean): void;
  /**
   * Disposes everything the hall draws — walls, roof, frame, racks, sign, and the floor's look, with
   * their materials and textures — for good: a building (SPEC BM4) or open ground (GS8) stands in.
   * The lights stay, and the floor mesh, invisible, as the teleport target and pointer floor.
   */
  dropEnvironment(): void;
  dispose(): void;
}

export function buildHall(scene: Scene, size: HallSize, sign: { title: string; subtitle: string }): Hall {
  const { width: W, depth: D, height: H } = size;
  const disposables: { dispose(): void }[] = [];
  const keep = <T extends { dispose(): void }>(x: T): T => (disposables.push(x), x);
  const r = seeded(11);

  // Light: a sky-like fill from above and a sun through the windows for shape.
  const hemi = keep(new HemisphericLight('hall-sky', new Vector3(0.1, 1, -0.2), scene));
  hemi.intensity = 0.78;
  hemi.diffuse = new Color3(1, 0.98, 0.94);
  hemi.groundColor = new Color3(0.42, 0.43, 0.45);
  hemi.specular = new Color3(0.2, 0.2, 0.2);
  const sun = keep(new DirectionalLight('hall-sun', new Vector3(-0.35, -1, 0.5), scene));
  sun.intensity = 0.5;

  const matte = keep(material(scene, 'hall-matte', { specular: 0.04 }));
  const metal = keep(material(scene, 'hall-metal', { specular: 0.35 }));
  const glow = keep(material(scene, 'hall-glow', { emissive: true }));

  // Floor.
  const floorTex = keep(floorTexture(scene, W, D, size.spawn));
  const floor = keep(CreateGround('floor', { width: W, height: D }, scene));
  floor.material = keep(material(scene, 'floor', { texture: floorTex, specular: 0.08 }));
  floor.freezeWorldMatrix();
  floor.isPickable = true;

  // Walls: a painted dado, clad above, a window band on the long walls.
  const solid = new Batch(scene, 'hall-solid');
  const { cladMeshes, clad } = buildWalls(scene, W, D, H, solid, keep);

  // Roof with skylight strips.
  solid.box(W + 0.5, 0.2, D + 0.5, C.roof, { x: 0, y: H + 0.1, z: 0 });
  const lights = new Batch(scene, 'hall-lights');
  for (let z = -D / 2 + 4; z < D / 2 - 2; z += 8) lights.box(W - 6, 0.02, 1.2, '#f3f7fb', { x: 0, y: H - 0.01, z });

  // Steel frame: columns along the long walls, trusses across, purlins along; lamps between.
  const steel = new Batch(scene, 'hall-steel');
  const hazard = keep(material(scene, 'hazard', { texture: keep(hazardTexture(scene)) }));
  const guards = new Batch(scene, 'column-guards');
  const fixtures = new Batch(scene, 'lamps');
  steelFrame({ steel, guards, fixtures, lights }, W, D, H);

  // Racks, the roll-up door, the workbench and the exit.
  const goods = new Batch(scene, 'racks');
  const obstacles = furnish({ goods, solid, lights }, W, D, r);

  const built = [
    solid.build(matte),
    steel.build(metal),
    goods.build(matte),
    fixtures.build(metal),
    lights.build(glow),
    guards.build(hazard),
  ];
  for (const m of built) if (m) keep(m);
  for (const m of cladMeshes) m.freezeWorldMatrix();

  // The sign on the far wall, above the racks.
  const board = keep(CreatePlane('sign', { width: 6, height: 1.5 }, scene));
  board.position.set(0, 5.2, D / 2 - 0.02);
  board.material = keep(material(scene, 'sign', { texture: keep(signTexture(scene, sign.title.toUpperCase(), sign.subtitle)) }));
  board.freezeWorldMatrix();
  board.isPickable = false;

  for (const m of [matte, metal, glow, clad, hazard]) m.freeze();

  let environment = scene.meshes.filter((m) => disposables.includes(m) && m !== floor);
  let dropped = false;
  return {
    floor,
    obstacles,
    setEnvironmentVisible(on) {
      for (const m of environment) m.setEnabled(on);
      // Invisible but still a teleport target.
      floor.visibility = on && !dropped ? 1 : 0;
    },
    dropEnvironment() {
      if (dropped) return;
      dropped = true;
      floor.visibility = 0;
      floor.material = null;
      // Hidden, they would still hold GPU textures and count in the scene's materials.
      const stay = new Set<unknown>([hemi, sun, floor]);
      for (const d of disposables.splice(0).reverse()) {
        if (stay.has(d)) disposables.unshift(d);
        else d.dispose();
      }
      environment = [];
      obstacles.length = 0;
    },
    dispose() {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
