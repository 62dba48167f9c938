/**
 * Walking in the project's sample building (SPEC BM4, BM9) on Babylon's NullEngine: the plant is
 * converted by the server's own converter, served over loopback HTTP (tests/support/sampleBuilding.ts)
 * and loaded by the client's loader, and a desktop body walks in it. Walls stop people, the door's gap
 * lets them through, the mezzanine's slab holds those on it and its walls and parapet stop them there,
 * and those below walk under it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Scene } from '@babylonjs/core/scene.js';
import { loadBuildingModel, type BuildingModel } from '../../../../client/building/buildingModel.js';
import { createDesktopMovement } from '../../../../client/player/desktopMovement.js';
import { Player } from '../../../../client/player/player.js';
import type { MoveIntent } from '../../../../client/input/desktopInput.js';
import { standOnStorey } from '../../../../client/building/storeyFloors.js';
import { SAMPLE_BUILDING_TIMEOUT_MS, serveSampleBuilding, type SampleBuildingServer } from '../../../support/sampleBuilding.js';

let server: SampleBuildingServer;
let building: BuildingModel;
let scene: Scene;

beforeAll(async () => {
  server = await serveSampleBuilding();
  scene = new Scene(new NullEngine());
  building = await loadBuildingModel(scene, server.url, 'plant');
}, SAMPLE_BUILDING_TIMEOUT_MS);
afterAll(async () => {
  building?.dispose();
  scene?.getEngine().dispose();
  await server?.close();
});

/** A desktop body in the building at feet `at` (Babylon frame), facing `yaw`; `walk(seconds)` holds W. */
function body(at: Vector3, yaw: number) {
  const player = new Player();
  player.position.copyFrom(at);
  player.yaw = yaw;
  const intent: MoveIntent = { forward: 0, strafe: 0, turn: 0, run: false, lookX: 0, lookY: 0, maxPitch: null };
  const camera = new TargetCamera('eye', Vector3.Zero(), scene);
  // Wide bounds: what stops the body here is the building, not the space's edge.
  const movement = createDesktopMovement(
    player,
    intent,
    camera,
    { minX: -30, maxX: 30, minY: -1, maxY: 20, minZ: -30, maxZ: 30 },
    building.obstacles(),
  );
  movement.floorAt = (x, z, y) => building.floorAt(x, z, y);
  movement.edgeAt = (x, z, y) => building.edgeAt(x, z, y);
  const frames = (n: number, dt = 0.05) => {
    for (let i = 0; i < n; i++) movement.update({ dt, now: i * dt * 1000 });
  };
  return {
    player,
    /** Holds W for `seconds`, in frames of `dt` seconds (a stalled page draws few, long frames). */
    walk(seconds: number, dt = 0.05) {
      intent.forward = 1;
      frames(Math.round(seconds / dt), dt);
      intent.forward = 0;
      return player.position;
    },
    /** Turns to face `to` (the next walk goes that way). */
    face(to: number) {
      player.yaw = to;
    },
    /** Where the eyes are: the camera follows the feet up and down the stair. */
    eyeY: () => camera.position.y,
    /** One frame without input (a teleport settles on its floor). */
    settle() {
      frames(1);
      return player.position;
    },
  };
}

const EAST = Math.PI / 2;

// Babylon frame: z is the protocol's mirrored, so the plant's north wall (protocol z −9…−8.75) is
// at z 8.75…9 and its door (protocol z ≈ 8.9, x −1.5…1.5) at z ≈ −8.9. Yaw 0 faces +z (north).
const NORTH = 0;
const SOUTH = Math.PI;

describe('walking in the sample building (SPEC BM4, BM9)', () => {
  it('BM4: walking into the ground storey’s north wall stops a body’s radius before it', () => {
    const p = body(new Vector3(3, 0, 5), NORTH).walk(4);
    expect(p.z).toBeCloseTo(8.75 - 0.3, 3);
    expect(p.y).toBe(0);
  });

  it('BM4: walking south into the wall beside the door stops; through the door’s gap leads out', () => {
    const wall = body(new Vector3(5, 0, -5), SOUTH).walk(4);
    expect(wall.z).toBeCloseTo(-8.75 + 0.3, 3);
    const door = body(new Vector3(0, 0, -5), SOUTH).walk(4);
    expect(door.z).toBeLessThan(-9.5);
    expect(Math.abs(door.x)).toBeLessThan(1e-9);
  });

  it('BM9: feet put on the mezzanine (a teleport) rest on its slab; walking there stays on it, its parapet and upper walls stop the body', () => {
    // Protocol (2, −4) on the mezzanine's slab (top 4.5 m); set a little high, the feet settle on the slab.
    const up = body(new Vector3(2, 4.6, 4), SOUTH);
    expect(up.settle().y).toBeCloseTo(4.5, 6);
    // South towards the parapet at the slab's open edge (protocol z −0.15…−0.05 → Babylon 0.05…0.15).
    const atParapet = up.walk(4);
    expect(atParapet.z).toBeCloseTo(0.15 + 0.3, 3);
    expect(atParapet.y).toBeCloseTo(4.5, 6);
    const north = body(new Vector3(2, 4.5, 4), NORTH).walk(4);
    expect(north.z).toBeCloseTo(8.75 - 0.3, 3);
    expect(north.y).toBeCloseTo(4.5, 6);
  });

  it('BM9 BM4: a stalled page (half-second frames, over a metre a frame) still stops at the parapet and at a wall', () => {
    const up = body(new Vector3(2, 4.6, 4), SOUTH);
    up.settle();
    const atParapet = up.walk(4, 0.5);
    expect(atParapet.z).toBeCloseTo(0.15 + 0.3, 3);
    expect(atParapet.y).toBeCloseTo(4.5, 6);
    const wall = body(new Vector3(3, 0, 5), NORTH).walk(4, 0.5);
    const walked = body(new Vector3(3, 0, 5), NORTH).walk(4);
    expect(wall.z).toBeCloseTo(walked.z, 6);
  });

  it('BM9: below the mezzanine people walk under it and past its parapet’s line; its slab is a ceiling, not a floor, to them', () => {
    const p = body(new Vector3(-2, 0, 5), SOUTH).walk(3);
    expect(p.z).toBeLessThan(-1);
    expect(p.y).toBe(0);
    // Off the slab's footprint the feet drop to the ground.
    expect(building.floorAt(0, -3, 4.5)).toBe(0);
    expect(building.floorAt(0, 3, 4.5)).toBeCloseTo(4.5, 6);
    expect(building.floorAt(0, 3, 1.7)).toBe(0);
    // The desktop's way up (the Building panel's Go): the mezzanine's slab nearest, a metre in from its edges.
    const up = standOnStorey(building.index.elements, 1, 30, -5)!;
    expect([up.x, up.y, up.z].map((v) => Math.round(v * 1000) / 1000)).toEqual([10.75, 4.5, 1.125]);
    expect(standOnStorey(building.index.elements, 0, 2, 3)).toEqual({ x: 2, y: 0, z: 3 });
    expect(standOnStorey(building.index.elements, 7, 2, 3)).toBeNull();
    // Both slabs and the stair are XR teleport targets.
    expect(building.floors.map((m) => m.name).sort()).toEqual(['batch-3', 'batch-4', 'batch-7']);
  });
});

// The stair (Babylon frame): x 10.15…11.75 along the east wall, its foot at z −6.595 (ground), its
// top at z 0.125 (the mezzanine slab's south edge, 4.5 m up); it climbs north (+z).
const STAIR = { x: 10.95, foot: -6.595, top: 0.125, rise: 4.5 };
/** The stair's walking surface at z: rising evenly along the flight. */
const stairAt = (z: number) => (STAIR.rise * (z - STAIR.foot)) / (STAIR.top - STAIR.foot);

describe('the stair to the mezzanine (SPEC BM10)', () => {
  it('BM10: walking north up the stair climbs it step by step, the eyes with the feet, and ends on the mezzanine', () => {
    const p = body(new Vector3(STAIR.x, 0, -7.5), NORTH);
    const mid = p.walk(2);
    expect(mid.z).toBeGreaterThan(STAIR.foot + 1);
    expect(mid.z).toBeLessThan(STAIR.top - 1);
    expect(mid.y).toBeCloseTo(stairAt(mid.z), 6);
    expect(p.eyeY()).toBeCloseTo(mid.y + p.player.eyeHeight, 6);
    // On up the flight and across the mezzanine to its north wall.
    const end = p.walk(6);
    expect(end.z).toBeCloseTo(8.75 - 0.3, 3);
    expect(end.y).toBeCloseTo(4.5, 6);
  });

  it('BM10: a stalled page (half-second frames, over a metre a frame) climbs it the same', () => {
    const end = body(new Vector3(STAIR.x, 0, -7.5), NORTH).walk(8, 0.5);
    expect(end.z).toBeCloseTo(8.75 - 0.3, 3);
    expect(end.y).toBeCloseTo(4.5, 6);
  });

  it('BM10: from the mezzanine, walking south through the parapet’s gap goes down the stair to the ground', () => {
    const p = body(new Vector3(STAIR.x, 4.5, 3), SOUTH);
    expect(p.settle().y).toBeCloseTo(4.5, 6);
    const mid = p.walk(2.5);
    expect(mid.z).toBeLessThan(STAIR.top - 1);
    expect(mid.y).toBeCloseTo(stairAt(mid.z), 6);
    const end = p.walk(5);
    expect(end.z).toBeCloseTo(-8.75 + 0.3, 3);
    expect(end.y).toBe(0);
  });

  it('BM10: the stair’s side is an edge: from the ground it stops a body where the flight is higher than a step, and is stepped onto where it is not', () => {
    // Mid-flight (2.3 m up): the body walks east into the flight's side and stays on the ground.
    const side = body(new Vector3(9, 0, -2), EAST).walk(3);
    expect(side.x).toBeLessThan(10.15);
    expect(side.x).toBeGreaterThan(10.15 - 0.1);
    expect(side.y).toBe(0);
    // Near its foot the surface is under a step high (0.35 m): the body steps on and stands on it.
    const low = body(new Vector3(9, 0, -6.3), EAST).walk(0.8);
    expect(low.x).toBeGreaterThan(10.15);
    expect(low.y).toBeCloseTo(stairAt(-6.3), 6);
    expect(low.y).toBeGreaterThan(0.15);
    // Stepping off the flight's side high up drops to the ground, as off a slab's edge.
    const off = body(new Vector3(STAIR.x, stairAt(-2), -2), -EAST);
    expect(off.settle().y).toBeCloseTo(stairAt(-2), 6);
    const down = off.walk(1);
    expect(down.x).toBeLessThan(10.15);
    expect(down.y).toBe(0);
  });

  it('BM9 BM10: walking east along the flight’s top toward the east wall stops at the wall, up to where the mezzanine’s begins', () => {
    // Near the top the ground storey's east wall ends only centimetres above the feet (at 4.5 m), and
    // the upper storey's east wall begins only at the mezzanine's edge (z 0.125): the wall still holds.
    for (const z of [-1, -0.3, -0.25, -0.2, -0.15, 0, 0.1]) {
      const p = body(new Vector3(STAIR.x, stairAt(z), z), EAST);
      expect(p.settle().y, `z ${z}`).toBeCloseTo(stairAt(z), 6);
      const end = p.walk(2);
      expect(end.x, `z ${z}`).toBeLessThanOrEqual(11.75 - 0.3 + 1e-6);
      expect(end.x, `z ${z}`).toBeGreaterThan(11.75 - 0.3 - 0.01);
      expect(end.y, `z ${z}`).toBeCloseTo(stairAt(end.z), 6);
    }
    // Up the flight hugging the wall and on across the mezzanine: never into the wall.
    const hug = body(new Vector3(11.75 - 0.3, 0, -7.5), NORTH);
    for (let i = 0; i < 40; i++) {
      const at = hug.walk(0.2);
      expect(at.x, `z ${at.z}`).toBeLessThanOrEqual(11.75 - 0.3 + 1e-6);
    }
    expect(hug.player.position.z).toBeCloseTo(8.75 - 0.3, 3);
    expect(hug.player.position.y).toBeCloseTo(4.5, 6);
  });

  it('BM10: a teleport onto a tread settles on the stair’s surface; below the stair there is no floor to stand on but the ground', () => {
    // A tread's top is up to a riser (0.1875 m) above the even surface: the feet settle onto it.
    const on = body(new Vector3(STAIR.x, stairAt(-3) + 0.15, -3), NORTH);
    expect(on.settle().y).toBeCloseTo(stairAt(-3), 6);
    // Feet far below the flight (2.3 m up) are not lifted onto it.
    expect(building.floorAt(STAIR.x, -3, 0)).toBe(0);
    expect(building.edgeAt(STAIR.x, -3, 0)).toBe(true);
    expect(building.edgeAt(STAIR.x, -3, stairAt(-3))).toBe(false);
    // The mezzanine, to those under it, is still a ceiling and not an edge.
    expect(building.edgeAt(0, 3, 0)).toBe(false);
  });
});
