/**
 * What stands on the hall's floor: pallet racks with their goods and barrier, the roll-up door with
 * loading pallets, the workbench with its tool board and the personnel door. Each piece people cannot
 * walk through is returned as a floor obstacle.
 */
import type { Batch } from './batch.js';
import { C } from './palette.js';

/** An obstacle on the floor, as an axis-aligned rectangle in Babylon x/z (metres). */
export interface FloorObstacle {
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
  /** Its height span, metres (a building's upper storey's walls): only bodies whose span meets it are stopped. Unset: all. */
  minY?: number;
  maxY?: number;
}

/** The batches furniture is added to: plain matte pieces, the building's own, the lit ones. */
export interface FurnitureBatches {
  goods: Batch;
  solid: Batch;
  lights: Batch;
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

/**
 * Furnishes a hall `W` × `D` metres: racks along the far wall with a barrier, the door in the +x wall,
 * the workbench on the −x wall, the exit behind the spawn. `r` is the hall's seeded generator (called in
 * the same order every time, so every client draws the same goods).
 */
export function furnish({ goods, solid, lights }: FurnitureBatches, W: number, D: number, r: () => number): FloorObstacle[] {
  // Racks along the far wall, with barriers in front.
  const obstacles: FloorObstacle[] = [];
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

  return obstacles;
}
