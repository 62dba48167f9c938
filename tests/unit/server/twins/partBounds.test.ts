/**
 * Where a dragged part may end (SPEC G6): out of its machine's solid parts, between the floor and
 * a standing hand's reach, following the machine's placement (turn and scale).
 */
import { describe, expect, it } from 'vitest';
import { eulerDegToQuat } from '../../../../shared/twin/math.js';
import { PART_MAX_Y, bodyBox, clampPart, type Placement } from '../../../../server/twins/partBounds.js';

const still: Placement = { position: [0, 0, 0], rotation: { x: 0, y: 0, z: 0, w: 1 }, scale: 1 };
// A base 2 × 1 × 2 on the floor and a column on it, 0.5 × 2 × 0.5.
const base = bodyBox([2, 1, 2], [0, 0.5, 0], { x: 0, y: 0, z: 0, w: 1 });
const column = bodyBox([0.5, 2, 0.5], [0, 2, 0], { x: 0, y: 0, z: 0, w: 1 });
const rest: [number, number, number] = [0, 1.2, 1.1];

describe('clampPart', () => {
  it('G6: a part outside the body and within reach height stays where it is put', () => {
    expect(clampPart([1.5, 1.2, 0.3], still, [base, column], rest)).toEqual([1.5, 1.2, 0.3]);
  });

  it('G6: a part inside the body is pushed out through the nearest face', () => {
    const [x, y, z] = clampPart([0.2, 0.9, 0.85], still, [base, column], rest);
    expect(y).toBeCloseTo(1.001, 6); // the top is 0.1 away, the +z side 0.15
    expect([x, z]).toEqual([0.2, 0.85]);
  });

  it('G6: below the floor or above a raised hand, the height is clamped', () => {
    expect(clampPart([3, -0.4, 0], still, [base], rest)[1]).toBe(0);
    expect(clampPart([3, 4, 0], still, [base], rest)[1]).toBe(PART_MAX_Y);
  });

  it('G6: a face that would put the part out of reach is not used (a tall column is left by its side)', () => {
    // Inside the column near its top (y 2.9 → clamped to 2.2): its top face (3.0) is out of reach.
    const [x, y, z] = clampPart([0.05, 2.9, 0], still, [base, column], rest);
    expect(y).toBe(PART_MAX_Y);
    expect(Math.abs(x) >= 0.25 || Math.abs(z) >= 0.25).toBe(true);
  });

  it('G6: the machine frame follows its placement (turned 90°, scaled 2)', () => {
    const pl: Placement = { position: [10, 0, 0], rotation: eulerDegToQuat(0, 90, 0), scale: 2 };
    const thin = bodyBox([0.2, 1, 2], [0, 0.5, 0], { x: 0, y: 0, z: 0, w: 1 }); // thin in x, long in z
    // Turned 90° about y the slab runs along x in the space: x ∈ [8, 12], z ∈ [−0.2, 0.2], y ∈ [0, 2].
    const [x, y, z] = clampPart([11, 1, 0.05], pl, [thin], rest);
    expect(x).toBeCloseTo(11, 6);
    expect(y).toBeCloseTo(1, 6);
    expect(z).toBeCloseTo(0.202, 6);
  });

  it('G6: leaving one box into a neighbour is not a way out: the part goes on through the neighbour', () => {
    // A table lying on the base: out of the base's top is into the table; out of the table's top is free.
    const table = bodyBox([1.6, 0.12, 1], [0, 1.06, 0.2], { x: 0, y: 0, z: 0, w: 1 }); // y ∈ [1, 1.12]
    const [x, y, z] = clampPart([0.3, 0.95, 0.4], still, [base, table], rest);
    expect(y).toBeCloseTo(1.121, 6);
    expect([x, z]).toEqual([0.3, 0.4]);
  });

  it('G6: a point boxed in on every reachable side goes back to rest', () => {
    // A big cube tipped onto a corner: every way out along its own axes climbs or sinks by metres.
    const tipped: Placement = { position: [0, 1, 0], rotation: eulerDegToQuat(45, 0, 35), scale: 1 };
    const cube = bodyBox([20, 20, 20], [0, 0, 0], { x: 0, y: 0, z: 0, w: 1 });
    expect(clampPart([0, 1, 0], tipped, [cube], rest)).toEqual(rest);
  });

  it('G6: a turned solid is boxed by its turned corners', () => {
    const b = bodyBox([1, 0.2, 0.2], [0, 1, 0], eulerDegToQuat(0, 0, 90)); // stood up on end
    expect(b.min[1]).toBeCloseTo(0.5, 6);
    expect(b.max[1]).toBeCloseTo(1.5, 6);
    expect(b.max[0]).toBeCloseTo(0.1, 6);
  });
});
