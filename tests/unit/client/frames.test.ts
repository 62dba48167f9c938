/**
 * The handedness conversion (SPEC F1): a WebXR pose (right-handed) goes through Babylon's
 * left-handed world and comes out in the protocol frame unchanged in meaning.
 */
import { describe, expect, it } from 'vitest';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import {
  babylonToJoint,
  babylonToProtocol,
  flipYaw,
  jointToBabylon,
  protocolBoundsToBabylon,
  protocolToBabylon,
} from '../../../client/render/frames.js';
import { createJoint, quaternionAngle } from '../../../shared/protocol/pose.js';
import { yawOf } from '../../../shared/space/spawn.js';

/** What Babylon's WebXRCamera does to an XR pose in a left-handed scene (webXRCamera.js). */
function xrToBabylon(p: { x: number; y: number; z: number }, q: { x: number; y: number; z: number; w: number }) {
  return { position: new Vector3(p.x, p.y, -p.z), rotation: new Quaternion(q.x, q.y, -q.z, -q.w) };
}

const deg = (d: number) => (d * Math.PI) / 180;

describe('XR pose → protocol frame', () => {
  it.each([
    ['standing, looking ahead', { x: 0, y: 1.6, z: 0 }, 0],
    ['one metre ahead (−Z), turned 90° left', { x: 0, y: 1.6, z: -1 }, 90],
    ['off to the right and behind, turned 30° right', { x: 2, y: 1.2, z: 3 }, -30],
    ['turned round', { x: -4, y: 1.75, z: 0.5 }, 180],
  ])('%s', (_what, p, yawDeg) => {
    const q = { x: 0, y: Math.sin(deg(yawDeg) / 2), z: 0, w: Math.cos(deg(yawDeg) / 2) };
    const b = xrToBabylon(p, q);
    const j = babylonToJoint(b.position, b.rotation, createJoint());
    expect(j.px).toBeCloseTo(p.x, 6);
    expect(j.py).toBeCloseTo(p.y, 6);
    expect(j.pz).toBeCloseTo(p.z, 6);
    expect(quaternionAngle(j, { ...createJoint(), qx: q.x, qy: q.y, qz: q.z, qw: q.w })).toBeLessThan(1e-6);
    expect(yawOf(j)).toBeCloseTo(Math.atan2(Math.sin(deg(yawDeg)), Math.cos(deg(yawDeg))), 6);
  });

  it('keeps "forward" forward: a head turned 90° left looks along −X in both frames', () => {
    const q = { x: 0, y: Math.sin(deg(45)), z: 0, w: Math.cos(deg(45)) };
    const b = xrToBabylon({ x: 0, y: 0, z: 0 }, q);
    // Babylon looks along +Z; its x axis is the same as WebXR's.
    const forward = Vector3.Forward().rotateByQuaternionToRef(b.rotation, new Vector3());
    expect(forward.x).toBeCloseTo(-1, 6);
    expect(forward.z).toBeCloseTo(0, 6);
    const j = babylonToJoint(b.position, b.rotation, createJoint());
    expect(yawOf(j)).toBeCloseTo(deg(90), 6);
    expect(flipYaw(yawOf(j))).toBeCloseTo(-deg(90), 6);
  });

  it('round-trips protocol → Babylon → protocol', () => {
    const j = { px: 1, py: 2, pz: -3, qx: 0.1, qy: 0.7, qz: -0.2, qw: 0.67 };
    const n = Math.hypot(j.qx, j.qy, j.qz, j.qw);
    Object.assign(j, { qx: j.qx / n, qy: j.qy / n, qz: j.qz / n, qw: j.qw / n });
    const pos = new Vector3();
    const rot = new Quaternion();
    jointToBabylon(j, pos, rot);
    expect(pos.z).toBeCloseTo(3, 6);
    const back = babylonToJoint(pos, rot, createJoint());
    expect(back).toEqual(j);
  });
});

describe('points, directions and boxes between the frames (F1)', () => {
  it('F1 one metre ahead in the protocol (−Z) is +Z in Babylon, and back', () => {
    const b = protocolToBabylon(0.5, 1.6, -1, new Vector3());
    expect([b.x, b.y, b.z]).toEqual([0.5, 1.6, 1]);
    expect(babylonToProtocol(b)).toEqual({ x: 0.5, y: 1.6, z: -1 });
  });

  it('F1 writes into the given object instead of allocating', () => {
    const out = { x: 9, y: 9, z: 9 };
    expect(babylonToProtocol(new Vector3(1, 2, 3), out)).toBe(out);
    expect(out).toEqual({ x: 1, y: 2, z: -3 });
  });

  it('F1 a protocol box keeps x and y and mirrors its z range', () => {
    const b = protocolBoundsToBabylon({ minX: -5, maxX: 5, minY: 0, maxY: 3, minZ: -12, maxZ: 2 });
    expect(b).toEqual({ minX: -5, maxX: 5, minY: 0, maxY: 3, minZ: -2, maxZ: 12 });
  });
});
