/** Which name tags are drawn with many people around (SPEC AV4). */
import { describe, expect, it } from 'vitest';
import { MAX_TAGS, TAG_FADE, TAG_RANGE, tagOpacities } from '../../../client/avatars/tagCulling.js';

function opacities(distances: number[], max?: number): number[] {
  const out: number[] = [];
  tagOpacities(distances, distances.length, out, [], max);
  return out;
}

describe('name tag culling', () => {
  it('AV4: near tags are fully drawn, far ones fade over the last metres, beyond the range none', () => {
    const near = TAG_RANGE - TAG_FADE - 1;
    const [a, b, c, d] = opacities([1, near, TAG_RANGE - TAG_FADE / 2, TAG_RANGE + 1]);
    expect([a, b]).toEqual([1, 1]);
    expect(c).toBeCloseTo(0.5, 5);
    expect(d).toBe(0);
  });

  it('AV4: with 200 people only the nearest MAX_TAGS are drawn, whatever their order', () => {
    // Everyone within range, at distinct distances, listed in a scrambled order.
    const distances = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) * 0.05);
    const out = opacities(distances);
    const drawn = out.map((o, i) => (o > 0 ? i : -1)).filter((i) => i >= 0);
    expect(drawn).toHaveLength(MAX_TAGS);
    const farthestDrawn = Math.max(...drawn.map((i) => distances[i]!));
    const nearestHidden = Math.min(...distances.filter((_, i) => out[i] === 0));
    expect(farthestDrawn).toBeLessThan(nearestHidden);
  });

  it('AV4: ties go to the earlier tag, and a reused scratch array gives the same answer', () => {
    const order: number[] = [];
    const out: number[] = [];
    tagOpacities([2, 2, 2], 3, out, order, 2);
    expect(out).toEqual([1, 1, 0]);
    tagOpacities([5, 1, 3, 2], 4, out, order, 2);
    expect(out.slice(0, 4)).toEqual([0, 1, 0, 1]);
  });
});
