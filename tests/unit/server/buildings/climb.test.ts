/**
 * Which way a stair or ramp climbs, from its own triangles (server/buildings/climb.ts, SPEC BM10):
 * its upward faces' heights rise along one horizontal direction; a flat element has none.
 */
import { describe, expect, it } from 'vitest';
import { climbOf } from '../../../../server/buildings/climb.js';
import type { ElementPiece } from '../../../../server/buildings/ifcReader.js';

/** One piece of quads (each four corners, protocol frame), two triangles a quad, every vertex's normal `normal`. */
function quads(normal: [number, number, number], ...corners: [number, number, number][][]): ElementPiece {
  const positions = new Float32Array(corners.flat(2));
  const normals = new Float32Array(positions.length);
  for (let i = 0; i < normals.length; i += 3) normals.set(normal, i);
  const indices: number[] = [];
  corners.forEach((_, q) => indices.push(q * 4, q * 4 + 1, q * 4 + 2, q * 4, q * 4 + 2, q * 4 + 3));
  return { color: [1, 1, 1, 1], positions, normals, indices: new Uint32Array(indices) };
}

/** A flight's treads (no risers: they face sideways and do not count), climbing along +x or −z. */
function treads(n: number, along: 'x' | '-z'): ElementPiece {
  const q: [number, number, number][][] = [];
  for (let i = 0; i < n; i++) {
    const [a, b, y] = [i * 0.3, (i + 1) * 0.3, (i + 1) * 0.18];
    q.push(
      along === 'x'
        ? [
            [a, y, 0],
            [b, y, 0],
            [b, y, 1],
            [a, y, 1],
          ]
        : [
            [0, y, -a],
            [0, y, -b],
            [1, y, -b],
            [1, y, -a],
          ],
    );
  }
  return quads([0, 1, 0], ...q);
}

describe('a stair’s climb (SPEC BM10)', () => {
  it('BM10: treads rising along +x climb (1, 0); along −z (north) climb (0, −1); the waist under them does not count', () => {
    expect(climbOf([treads(10, 'x')])).toEqual([1, 0]);
    expect(climbOf([treads(10, '-z')])).toEqual([0, -1]);
    // A sloping underside (looking down) skewed across the flight would turn the climb if it counted.
    const underside = quads(
      [0, -0.8, 0.6],
      [
        [0, 0, 0],
        [3, 1.5, 0],
        [3, 1.2, -1],
        [0, 0, -1],
      ],
    );
    expect(climbOf([treads(10, 'x'), underside])).toEqual([1, 0]);
  });

  it('BM10: a flat landing, a wall (no upward face) and nothing at all do not climb', () => {
    const landing = quads(
      [0, 1, 0],
      [
        [0, 2, 0],
        [2, 2, 0],
        [2, 2, 2],
        [0, 2, 2],
      ],
    );
    expect(climbOf([landing])).toBeNull();
    const wall = quads(
      [0, 0, 1],
      [
        [0, 0, 0],
        [2, 0, 0],
        [2, 3, 0],
        [0, 3, 0],
      ],
    );
    expect(climbOf([wall])).toBeNull();
    expect(climbOf([])).toBeNull();
  });
});
