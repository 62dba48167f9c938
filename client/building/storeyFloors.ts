/**
 * Standing on a building's storeys (SPEC BM9, BM10): the slabs and stairs are the floors people stand
 * on and the walls of each storey the obstacles on it. Feet rest on the highest floor under them that
 * is at most a step above them (a floor higher up is a ceiling, or an edge in the way when it is
 * within the body's reach); off a floor's edge they drop to the floor below, or to the ground. A
 * stair's surface rises evenly along its flight, so walking climbs it. A wall stops a body when it
 * meets the body, from the feet to its reach: what stops a body and what it stands on are decided
 * here, the walking itself is client/player/desktopMovement.ts. Pure geometry on the element index;
 * Babylon frame out (z mirrored).
 */
import type { BuildingElement } from '../../shared/space/building.js';
import type { FloorObstacle } from '../render/hall/furniture.js';

/** Highest a floor may be above the feet and still be stepped onto, metres. */
export const STEP_HEIGHT = 0.35;
/**
 * The top of a standing body above its feet, metres: a wall whose underside is below it stops the
 * body (the mezzanine's walls do not stop those under it), and a floor higher than a step whose
 * element reaches down below it is an edge in the way (a stair's side, a raised slab), not a
 * ceiling walked under.
 */
export const BODY_REACH = 1.5;

/**
 * Whether an obstacle stops a body whose feet are at `feetY` (one without a height span stops every
 * body): one that rises above the feet and reaches down below the body's top (SPEC BM9). A wall is
 * never stepped over, however little its top rises above the feet — walls are not floors: beside the
 * sample stair's top the ground storey's east wall ends a few centimetres above the feet, and the
 * upper storey's wall begins only at the mezzanine's edge.
 */
export function stopsBodyAt(o: FloorObstacle, feetY: number): boolean {
  return (o.minY ?? -Infinity) < feetY + BODY_REACH && (o.maxY ?? Infinity) > feetY;
}

/**
 * What is a floor, Babylon frame: a slab's top, or a stair's (ramp's) surface rising evenly from
 * `bottom` at its low side to `top` at its high side along (dx, dz) (SPEC BM10); its footprint.
 */
export interface StoreyFloor {
  top: number;
  /** The element's underside: a floor whose edge is in the way stops bodies only down to here. */
  bottom: number;
  minX: number;
  maxX: number;
  minZ: number;
  maxZ: number;
  /** A stair's climb: unit direction (Babylon x, z), and its footprint's span along it (from, length). */
  climb?: { dx: number; dz: number; from: number; length: number };
}

function floorOf(e: BuildingElement): StoreyFloor {
  const f: StoreyFloor = { top: e.max[1], bottom: e.min[1], minX: e.min[0], maxX: e.max[0], minZ: -e.max[2], maxZ: -e.min[2] };
  if (!e.climbs) return f;
  // The protocol's z is Babylon's mirrored.
  const [dx, dz] = [e.climbs[0], -e.climbs[1]];
  const along = [f.minX * dx + f.minZ * dz, f.maxX * dx + f.minZ * dz, f.minX * dx + f.maxZ * dz, f.maxX * dx + f.maxZ * dz];
  const from = Math.min(...along);
  return { ...f, climb: { dx, dz, from, length: Math.max(...along) - from } };
}

/** The slabs' tops and the stairs' surfaces people stand on (a stair that does not climb is none). */
export function storeyFloors(elements: readonly BuildingElement[]): StoreyFloor[] {
  return elements
    .filter((e) => e.role === 'slab' || (e.role === 'stair' && e.climbs))
    .map(floorOf)
    .sort((a, b) => b.top - a.top);
}

/** The floor's height at (x, z), Babylon frame; null off its footprint. */
export function surfaceAt(f: StoreyFloor, x: number, z: number): number | null {
  if (x < f.minX || x > f.maxX || z < f.minZ || z > f.maxZ) return null;
  const c = f.climb;
  if (!c || c.length <= 0) return f.top;
  const t = Math.max(0, Math.min(1, (x * c.dx + z * c.dz - c.from) / c.length));
  return f.bottom + (f.top - f.bottom) * t;
}

/** Where feet at (x, feetY, z) come to rest (Babylon frame): the highest floor within a step, else the ground (0). */
export function floorHeightAt(floors: readonly StoreyFloor[], x: number, z: number, feetY: number): number {
  let best = 0;
  for (const f of floors) {
    const h = surfaceAt(f, x, z);
    if (h !== null && h <= feetY + STEP_HEIGHT && h > best) best = h;
  }
  return best;
}

/**
 * Whether feet at `feetY` may not step to (x, z): a floor there is higher than a step but lower than
 * the body's reach, and solid down to within it — a stair's side, or its flight ahead beyond a step
 * (SPEC BM10). A floor far overhead (the mezzanine to those below) is a ceiling, not an edge.
 */
export function edgeInTheWay(floors: readonly StoreyFloor[], x: number, z: number, feetY: number): boolean {
  for (const f of floors) {
    const h = surfaceAt(f, x, z);
    if (h !== null && h > feetY + STEP_HEIGHT && f.bottom < feetY + BODY_REACH) return true;
  }
  return false;
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
