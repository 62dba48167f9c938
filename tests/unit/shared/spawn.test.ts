import { describe, expect, it } from 'vitest';
import { SPAWN_GAP, spawnSpot } from '../../../shared/space/spawn.js';
import { hallBounds } from '../../../shared/space/layout.js';

const bounds = hallBounds({ width: 20, depth: 16, height: 6 });
const inside = (p: { x: number; z: number }) => p.x >= bounds.minX && p.x <= bounds.maxX && p.z >= bounds.minZ && p.z <= bounds.maxZ;

/** Lets `n` people arrive one after another at spawn point (x, z); nobody moves. */
function arrive(n: number, x = 0, z = 6): { x: number; z: number }[] {
  const spots: { x: number; z: number }[] = [];
  for (let i = 0; i < n; i++) spots.push(spawnSpot(x, z, bounds, spots));
  return spots;
}

describe('spawn spots (SPEC HD8)', () => {
  it('HD8: the first arrival stands on the spawn point', () => {
    expect(spawnSpot(1, 2, bounds, [])).toEqual({ x: 1, z: 2 });
  });

  it('HD8: 500 arrivals all stand inside the hall; while there is floor, each is a gap away from everyone', () => {
    const spots = arrive(500);
    expect(spots.every(inside)).toBe(true);
    // Floor for (20 − 1) × (16 − 1) m at one person per gap² before anyone must stand closer.
    const roomy = spots.slice(0, 19 * 15);
    let closest = Infinity;
    for (let i = 0; i < roomy.length; i++)
      for (let j = 0; j < i; j++) closest = Math.min(closest, Math.hypot(roomy[i]!.x - roomy[j]!.x, roomy[i]!.z - roomy[j]!.z));
    expect(closest).toBeGreaterThanOrEqual(SPAWN_GAP - 1e-9);
  });

  it('HD8: a spawn point outside the hall or by a wall still gives spots inside', () => {
    expect(arrive(50, 100, -100).every(inside)).toBe(true);
    expect(arrive(50, bounds.maxX, bounds.maxZ).every(inside)).toBe(true);
  });

  it('HD8: someone standing on the spawn point is stepped around, not stood in', () => {
    const spot = spawnSpot(0, 0, bounds, [{ x: 0.2, z: 0.1 }]);
    expect(Math.hypot(spot.x - 0.2, spot.z - 0.1)).toBeGreaterThanOrEqual(SPAWN_GAP);
  });
});
