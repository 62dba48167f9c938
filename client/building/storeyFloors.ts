/**
 * Standing on a building's storeys (SPEC BM9): the slabs are the floors people stand on and the walls
 * of each storey the obstacles on it. Feet rest on the highest slab under them that is at most a step
 * above them (a slab higher up is a ceiling); off a slab's edge they drop to the slab below, or to the
 * ground. A wall stops a body only when it meets the body
 * (client/player/desktopMovement.ts). Pure geometry on the
 * element index; Babylon frame out (z mirrored).
 */
import type { BuildingElement } from '../../shared/space/building.js';
import type { FloorObstacle } from '../render/hall/furniture.js';

/** Highest a slab's top may be above the feet and still be stepped onto, metres. */
export const STEP_HEIGHT = 0.35;

/** What is a floor: a slab's top and its footprint, Babylon frame. */
export interface StoreyFloor {
  top: number;
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
}

export function storeyFloors(elements: readonly BuildingElement[]): StoreyFloor[] {
  return elements
    .filter((e) => e.role === 'slab')
    .map((e) => ({ top: e.max[1], minX: e.min[0], maxX: e.max[0], minZ: -e.max[2], maxZ: -e.min[2] }))
    .sort((a, b) => b.top - a.top);
}

/** Where feet at (x, feetY, z) come to rest (Babylon frame): the top of the highest slab within a step, else the ground (0). */
export function floorHeightAt(floors: readonly StoreyFloor[], x: number, z: number, feetY: number): number {
  for (const f of floors) {
    if (f.top > feetY + STEP_HEIGHT) continue;
    if (x >= f.minX && x <= f.maxX && z >= f.minZ && z <= f.maxZ) return Math.max(0, f.top);
  }
  return 0;
}

/** Every wall as an obstacle with its height span, Babylon frame. */
export function wallObstacles(elements: readonly BuildingElement[]): FloorObstacle[] {
  return elements
    .filter((e) => e.role === 'wall')
    .map((e) => ({ minX: e.min[0], maxX: e.max[0], minZ: -e.max[2], maxZ: -e.min[2], minY: e.min[1], maxY: e.max[1] }));
}

/**
 * Where to stand on storey `storey` nearest to (x, z), Babylon frame: on its (first) slab, a metre in
 * from the slab's edges (clear of the walls along them); null when the storey has no slab.
 */
export function standOnStorey(
  elements: readonly BuildingElement[],
  storey: number,
  x: number,
  z: number,
): { x: number; y: number; z: number } | null {
  const slab = elements.find((e) => e.role === 'slab' && e.storey === storey);
  if (!slab) return null;
  const [f] = storeyFloors([slab]);
  const inset = (v: number, lo: number, hi: number) => (hi - lo > 2 ? Math.max(lo + 1, Math.min(hi - 1, v)) : (lo + hi) / 2);
  return { x: inset(x, f!.minX, f!.maxX), y: Math.max(0, f!.top), z: inset(z, f!.minZ, f!.maxZ) };
}
