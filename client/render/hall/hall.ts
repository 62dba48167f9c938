/**
 * The factory hall, built procedurally from the space's size: concrete floor with walkway markings,
 * clad walls with a window band, a steel frame with roof trusses and pendant lamps, pallet racks,
 * a roll-up door, a workbench and safety barriers. Babylon frame (left-handed, +z away from the spawn).
 */
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder.js';
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { DirectionalLight } from '@babylonjs/core/Lights/directionalLight.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { BaseTexture } from '@babylonjs/core/Materials/Textures/baseTexture.js';
import { Batch } from './batch.js';
import { claddingTexture, floorTexture, hazardTexture, signTexture, windowTexture } from './textures.js';

export interface HallSize {
  width: number;
  depth: number;
  height: number;
  /** Where people arrive, Babylon x/z (the floor marks it). */
  spawn?: { x: number; z: number };
}

/** An obstacle on the floor, as an axis-aligned rectangle in Babylon x/z (metres). */
export interface FloorObstacle {
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
}

export interface Hall {
  /** The walkable floor (teleport target, pointer hits). */
  floor: Mesh;
  /** Things people cannot walk through (racks, bench), besides the walls. */
  obstacles: FloorObstacle[];
  /** Shows or hides the building and its furniture (hidden in AR passthrough); the floor stays pickable. */
  setEnvironmentVisible(on: boolean): void;
  dispose(): void;
}

const C = {
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

function material(
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

/** Pallet with a load of cartons or crates, centred at (x, y, z) where y is the pallet's underside. */
function pallet(b: Batch, x: number, y: number, z: number, r: () => number): void {
  b.box(1.2, 0.14, 1.0, C.pallet, { x, y: y + 0.07, z });
  const kind = r();
  if (kind < 0.45) {
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) {
        const hgt = 0.35 + r() * 0.25;
        b.box(0.55, hgt, 0.46, r() < 0.5 ? C.carton : C.cartonDark, {
          x: x - 0.29 + i * 0.58,
          y: y + 0.14 + hgt / 2,
          z: z - 0.24 + j * 0.48,
        });
      }
  } else if (kind < 0.75) {
    for (let k = 0; k < 3; k++) b.box(1.1, 0.28, 0.9, C.crateBlue, { x, y: y + 0.14 + 0.14 + k * 0.3, z });
  } else {
    const hgt = 0.7 + r() * 0.4;
    b.box(1.15, hgt, 0.98, C.wrap, { x, y: y + 0.14 + hgt / 2, z });
  }
}

/** Pallet racking: `bays` bays of 2.7 m along x starting at x0, against a wall at z (depth 1.1 m). */
function racks(b: Batch, x0: number, z: number, bays: number, r: () => number): FloorObstacle {
  const levels = [0, 1.5, 3.0];
  const depth = 1.1;
  for (let i = 0; i <= bays; i++) {
    const x = x0 + i * 2.7;
    for (const dz of [-depth / 2, depth / 2]) b.box(0.09, 4.2, 0.09, C.rackUpright, { x, y: 2.1, z: z + dz });
    for (let k = 0; k < 6; k++) b.box(0.04, 0.04, depth, C.rackUpright, { x, y: 0.3 + k * 0.7, z, rx: 0 });
  }
  for (let i = 0; i < bays; i++) {
    const cx = x0 + i * 2.7 + 1.35;
    for (const y of levels.slice(1)) {
      for (const dz of [-depth / 2, depth / 2]) b.box(2.6, 0.12, 0.06, C.rackBeam, { x: cx, y, z: z + dz });
    }
    for (const y of levels) {
      if (r() < 0.85) pallet(b, cx - 0.66, y + (y === 0 ? 0 : 0.06), z, r);
      if (r() < 0.85) pallet(b, cx + 0.66, y + (y === 0 ? 0 : 0.06), z, r);
    }
  }
  return { minX: x0 - 0.2, maxX: x0 + bays * 2.7 + 0.2, minZ: z - depth / 2 - 0.2, maxZ: z + depth / 2 + 0.2 };
}

/** Yellow barrier rail from (x0, z) to (x1, z): posts every 1.5 m and two rails. */
function barrier(b: Batch, x0: number, x1: number, z: number): void {
  const n = Math.max(1, Math.round((x1 - x0) / 1.5));
  for (let i = 0; i <= n; i++) b.box(0.1, 1.0, 0.1, C.yellow, { x: x0 + ((x1 - x0) * i) / n, y: 0.5, z });
  for (const y of [0.45, 0.95]) b.box(x1 - x0, 0.08, 0.06, C.yellow, { x: (x0 + x1) / 2, y, z });
}

function seeded(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 16807) % 2147483647;
    return (s - 1) / 2147483646;
  };
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
  const cladTex = keep(claddingTexture(scene));
  const clad = keep(material(scene, 'cladding', { texture: cladTex }));
  const dado = 1.2;
  const t = 0.25;
  const wallSpecs = [
    { x: 0, z: D / 2 + t / 2, len: W, ry: 0 },
    { x: 0, z: -D / 2 - t / 2, len: W, ry: 0 },
    { x: W / 2 + t / 2, z: 0, len: D, ry: Math.PI / 2 },
    { x: -W / 2 - t / 2, z: 0, len: D, ry: Math.PI / 2 },
  ];
  const cladMeshes: Mesh[] = [];
  for (const w of wallSpecs) {
    const m = CreateBox('wall', { width: w.len + 2 * t, height: H - dado, depth: t }, scene);
    m.position.set(w.x, dado + (H - dado) / 2, w.z);
    m.rotation.y = w.ry;
    m.material = clad;
    m.freezeWorldMatrix();
    m.isPickable = false;
    cladMeshes.push(keep(m));
  }
  cladTex.uScale = W / 2.5;
  cladTex.vScale = (H - dado) / 2.5;
  const solid = new Batch(scene, 'hall-solid');
  for (const w of wallSpecs) solid.box(w.len + 2 * t, dado, t + 0.04, C.dado, { x: w.x, y: dado / 2, z: w.z, ry: w.ry });

  const winTex = keep(windowTexture(scene));
  winTex.uScale = (W - 4) / 4;
  const winMat = keep(material(scene, 'windows', { texture: winTex, emissive: true }));
  for (const side of [1, -1]) {
    const win = keep(CreatePlane('windows', { width: W - 4, height: 1.4 }, scene));
    win.position.set(0, H - 2.4, side * (D / 2 - 0.01));
    win.rotation.y = side > 0 ? 0 : Math.PI;
    win.material = winMat;
    win.freezeWorldMatrix();
    win.isPickable = false;
  }

  // Roof with skylight strips.
  solid.box(W + 0.5, 0.2, D + 0.5, C.roof, { x: 0, y: H + 0.1, z: 0 });
  const lights = new Batch(scene, 'hall-lights');
  for (let z = -D / 2 + 4; z < D / 2 - 2; z += 8) lights.box(W - 6, 0.02, 1.2, '#f3f7fb', { x: 0, y: H - 0.01, z });

  // Steel frame: columns along the long walls, trusses across, purlins along.
  const steel = new Batch(scene, 'hall-steel');
  const hazard = keep(material(scene, 'hazard', { texture: keep(hazardTexture(scene)) }));
  const guards = new Batch(scene, 'column-guards');
  const colXs: number[] = [];
  for (let x = -W / 2 + 4; x <= W / 2 - 3.9; x += 8) colXs.push(x);
  for (const x of colXs) {
    for (const side of [1, -1]) {
      const z = side * (D / 2 - 0.35);
      steel.box(0.3, H - 0.2, 0.3, C.steel, { x, y: (H - 0.2) / 2, z });
      guards.box(0.5, 1.0, 0.5, '#ffffff', { x, y: 0.5, z });
      steel.cylinder(0.16, 0.5, C.red, { x: x + 0.28, y: 0.9, z: z - side * 0.05 });
    }
    steel.box(0.22, 0.6, D - 0.4, C.steel, { x, y: H - 0.6, z: 0 });
    for (let k = 1; k < 6; k++) {
      const zz = -D / 2 + (k * D) / 6;
      steel.box(0.06, 0.06, Math.hypot(D / 6, 0.45), C.steelDark, {
        x,
        y: H - 0.55,
        z: zz - D / 12,
        rx: Math.atan2(0.45, D / 6) * (k % 2 ? 1 : -1),
      });
    }
  }
  for (const z of [-D / 4, 0, D / 4]) steel.box(W - 0.4, 0.18, 0.12, C.steelDark, { x: 0, y: H - 0.25, z });

  // Pendant lamps between the trusses.
  const fixtures = new Batch(scene, 'lamps');
  for (let i = 0; i + 1 < colXs.length; i++) {
    const x = ((colXs[i] ?? 0) + (colXs[i + 1] ?? 0)) / 2;
    for (const z of [-D / 4, D / 4]) {
      const y = H - 1.8;
      fixtures.cylinder(0.65, 0.22, C.lampHousing, { x, y, z }, 16);
      fixtures.box(0.02, 1.5, 0.02, C.black, { x, y: y + 0.85, z });
      lights.cylinder(0.52, 0.02, '#fff6e0', { x, y: y - 0.12, z }, 16);
    }
  }

  // Racks along the far wall, with barriers in front.
  const obstacles: FloorObstacle[] = [];
  const goods = new Batch(scene, 'racks');
  const bays = Math.max(1, Math.floor((W - 12) / 2.7));
  const rackX0 = -W / 2 + 3;
  obstacles.push(racks(goods, rackX0, D / 2 - 1.2, bays, r));
  barrier(goods, rackX0, rackX0 + bays * 2.7, D / 2 - 2.4);

  // Roll-up door in the +x wall with a yellow frame, loading pallets beside it.
  solid.box(0.1, 4.6, 4.4, C.doorPanel, { x: W / 2 - 0.02, y: 2.3, z: 0 });
  for (let k = 0; k < 12; k++) solid.box(0.12, 0.04, 4.4, '#6b757e', { x: W / 2 - 0.05, y: 0.2 + k * 0.38, z: 0 });
  goods.box(0.14, 4.8, 0.2, C.yellow, { x: W / 2 - 0.06, y: 2.4, z: 2.3 });
  goods.box(0.14, 4.8, 0.2, C.yellow, { x: W / 2 - 0.06, y: 2.4, z: -2.3 });
  goods.box(0.14, 0.2, 4.8, C.yellow, { x: W / 2 - 0.06, y: 4.8, z: 0 });
  for (let k = 0; k < 3; k++) pallet(goods, W / 2 - 1.4, 0, -D / 2 + 3.2 + k * 1.3, r);
  obstacles.push({ minX: W / 2 - 2.1, maxX: W / 2, minZ: -D / 2 + 2.4, maxZ: -D / 2 + 6.2 });

  // Workbench with a tool board on the −x wall, a personnel door with an exit sign behind the spawn.
  const bx = -W / 2 + 0.5;
  goods.box(0.9, 0.06, 2.4, C.benchTop, { x: bx + 0.1, y: 0.92, z: -2 });
  for (const dz of [-1.1, 1.1])
    for (const dx of [-0.35, 0.35]) goods.box(0.06, 0.9, 0.06, C.benchLeg, { x: bx + 0.1 + dx, y: 0.45, z: -2 + dz });
  goods.box(0.04, 1.2, 2.4, C.pegboard, { x: -W / 2 + 0.03, y: 1.75, z: -2 });
  for (let k = 0; k < 7; k++)
    goods.box(0.05, 0.25 + r() * 0.2, 0.05, k % 2 ? C.red : C.steelDark, { x: -W / 2 + 0.08, y: 1.7 + r() * 0.3, z: -3 + k * 0.32 });
  obstacles.push({ minX: -W / 2, maxX: -W / 2 + 1.1, minZ: -3.3, maxZ: -0.7 });
  solid.box(1.1, 2.2, 0.06, '#4f6b54', { x: -W / 4, y: 1.1, z: -D / 2 + 0.02 });
  lights.box(0.5, 0.2, 0.04, '#22c55e', { x: -W / 4, y: 2.5, z: -D / 2 + 0.04 });

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

  const environment = scene.meshes.filter((m) => disposables.includes(m) && m !== floor);
  return {
    floor,
    obstacles,
    setEnvironmentVisible(on) {
      for (const m of environment) m.setEnabled(on);
      // Invisible but still a teleport target.
      floor.visibility = on ? 1 : 0;
    },
    dispose() {
      for (const d of disposables.reverse()) d.dispose();
    },
  };
}
