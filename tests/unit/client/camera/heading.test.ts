import { describe, expect, it } from 'vitest';
import { compassHeading } from '../../../../client/camera/heading.js';

const abs = (alpha: number, beta: number, gamma: number) => ({ absolute: true, alpha, beta, gamma });

describe('compass heading of a phone camera', () => {
  it('CP7: an upright phone faces the bearing its back camera points to (alpha counts anticlockwise)', () => {
    expect(compassHeading(abs(0, 90, 0))).toBe(0);
    expect(compassHeading(abs(270, 90, 0))).toBe(90);
    expect(compassHeading(abs(180, 90, 0))).toBe(180);
    expect(compassHeading(abs(90, 90, 0))).toBe(270);
    // Tilted down towards the floor at 60°: still the same bearing.
    expect(compassHeading(abs(270, 60, 0))).toBe(90);
  });

  it('CP7: a phone lying flat takes the way its top points; iOS says it directly', () => {
    expect(compassHeading(abs(0, 0, 0))).toBe(0);
    expect(compassHeading(abs(315, 0, 0))).toBe(45);
    expect(compassHeading({ absolute: false, alpha: 10, beta: 90, gamma: 0, webkitCompassHeading: 123.45 })).toBe(123.5);
  });

  it('CP7: a relative reading (no compass) or a missing angle gives no heading', () => {
    expect(compassHeading({ absolute: false, alpha: 30, beta: 90, gamma: 0 })).toBeNull();
    expect(compassHeading({ absolute: true, alpha: null, beta: 90, gamma: 0 })).toBeNull();
    expect(compassHeading({ absolute: false, alpha: 30, beta: 90, gamma: 0, webkitCompassHeading: -1 })).toBeNull();
  });
});
