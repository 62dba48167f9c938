/**
 * Where the element card stands in a headset (SPEC BM6a, client/bim/vrCard.ts): on the way from the
 * eyes to the element, at a readable distance, beside the ray, upright and square to the eyes. (The
 * card's GUI texture needs a canvas: it is drawn in the e2e test, tests/e2e/building.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Matrix } from '@babylonjs/core/Maths/math.vector.js';
import { placeCard } from '../../../../client/bim/vrCard.js';

describe('the element card in a headset (SPEC BM6a)', () => {
  it.each([
    ['a far wall: 2.2 m out, still readable', new Vector3(2, 1.5, 9), 2.2],
    ['a near element: 0.3 m short of it', new Vector3(-1, 1.5, 6.5), Math.hypot(1, 0.2, 1.5) - 0.3],
    ['an element at arm’s length: no nearer than 0.8 m', new Vector3(-1.8, 1.6, 5.6), 0.8],
  ])('BM6a: %s, beside the ray, upright and square to the eyes', (_what, hit, along) => {
    const eye = new Vector3(-2, 1.7, 5);
    const width = 1;
    const { position, yaw } = placeCard(eye, hit, width);
    const ray = hit.subtract(eye).normalize();
    const toCard = position.subtract(eye);
    expect(Vector3.Dot(toCard, ray)).toBeCloseTo(along, 6);
    // To the ray's side by half the card and a gap (the laser and the element stay in view), level.
    const side = toCard.subtract(ray.scale(Vector3.Dot(toCard, ray)));
    expect(side.length()).toBeCloseTo(width / 2 + 0.08, 6);
    // Right as the viewer sees it (Babylon: right of +z is +x).
    expect(Vector3.Cross(ray, side).y).toBeGreaterThan(0);
    // A plane's front is −Z: turned by the yaw it faces the eyes (upright: no pitch).
    const m = new Matrix();
    Quaternion.RotationYawPitchRoll(yaw, 0, 0).toRotationMatrix(m);
    const normal = Vector3.TransformNormal(new Vector3(0, 0, -1), m);
    const toEye = eye.subtract(position);
    toEye.y = 0;
    expect(Vector3.Dot(normal, toEye.normalize())).toBeCloseTo(1, 6);
  });
});
