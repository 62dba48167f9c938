/**
 * An axis-aligned box in the protocol frame (right-handed, +Y up, metres). Spaces use one to say
 * where avatars may stand and where a head may be.
 */
export interface Bounds {
  minX: number;
  minY: number;
  minZ: number;
  maxX: number;
  maxY: number;
  maxZ: number;
}

export function insideBounds(b: Bounds, x: number, y: number, z: number): boolean {
  return x >= b.minX && x <= b.maxX && y >= b.minY && y <= b.maxY && z >= b.minZ && z <= b.maxZ;
}

/** Clamps a point into the box's floor area (x, z); y is left alone. */
export function clampToFloor(b: Bounds, x: number, z: number, out: { x: number; z: number }): void {
  out.x = x < b.minX ? b.minX : x > b.maxX ? b.maxX : x;
  out.z = z < b.minZ ? b.minZ : z > b.maxZ ? b.maxZ : z;
}
