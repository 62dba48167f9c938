/**
 * A part carried in a hand turns with the hand (SPEC X8, G4): the hand's turn since the grab is
 * applied to the part's offset from the hand and to the part's own rotation; the protocol's
 * quaternion round-trips through the Babylon frame.
 */
import { describe, expect, it } from 'vitest';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { carryTurn } from '../../../client/twins/carry.js';
import { babylonToProtocolQuat, protocolToBabylonQuat } from '../../../client/render/frames.js';

const closeVec = (a: Vector3, b: Vector3) => expect(Vector3.Distance(a, b)).toBeLessThan(1e-9);
const closeQuat = (a: Quaternion, b: Quaternion) => expect(Math.abs(Quaternion.Dot(a, b))).toBeCloseTo(1, 9);

describe('carryTurn', () => {
  const offset = new Vector3(0.3, -0.1, 0.2);
  const part = Quaternion.RotationYawPitchRoll(0.4, 0.1, -0.2);

  it('X8: a hand that has not turned leaves the part as it was', () => {
    const hand = Quaternion.RotationYawPitchRoll(1, 0.5, 0.2);
    const o = new Vector3();
    const r = new Quaternion();
    carryTurn(hand, hand.clone(), offset, part, o, r);
    closeVec(o, offset);
    closeQuat(r, part);
  });

  it('X8: turning the hand turns the part and swings it around the hand by the same amount', () => {
    const grab = Quaternion.RotationYawPitchRoll(0.7, -0.3, 0.1); // wherever the hand happened to be
    const turn = Quaternion.RotationAxis(Vector3.Up(), Math.PI / 2); // a quarter turn about +Y
    const now = turn.multiply(grab);
    const o = new Vector3();
    const r = new Quaternion();
    carryTurn(grab, now, offset, part, o, r);
    closeVec(o, offset.applyRotationQuaternion(turn));
    closeQuat(r, turn.multiply(part));
    // A quarter turn about +Y takes +X to −Z in Babylon's left-handed frame: (0.3, −0.1, 0.2) → (0.2, −0.1, −0.3).
    closeVec(o, new Vector3(0.2, -0.1, -0.3));
    expect(r.length()).toBeCloseTo(1, 12);
  });

  it('F1: a part rotation round-trips between the protocol and the Babylon frame', () => {
    const q: [number, number, number, number] = [0.1, -0.2, 0.3, Math.sqrt(1 - 0.14)];
    const b = protocolToBabylonQuat(q, new Quaternion());
    expect([b.x, b.y, b.z, b.w]).toEqual([-0.1, 0.2, 0.3, q[3]]);
    expect(babylonToProtocolQuat(b)).toEqual(q);
  });
});
