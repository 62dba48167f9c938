/** The shared twin contract: message validators, the extension's defaults, rotation helpers (SPEC TW*, G4). */
import { describe, expect, it } from 'vitest';
import { check } from '../../../../shared/protocol/validation.js';
import { ClientMessages } from '../../../../shared/protocol/table.js';
import { ERROR_TEXT } from '../../../../shared/protocol/errors.js';
import {
  TwinCommandMessage,
  TwinMoveMessage,
  TwinPanelMessage,
  TwinPartMessage,
  TWIN_ERRORS,
} from '../../../../shared/protocol/twinMessages.js';
import { TwinExtension } from '../../../../shared/twin/extension.js';
import { eulerDegToQuat, multiplyQuat, rotateVec } from '../../../../shared/twin/math.js';
import { gaugeFill, labelText, rampColor } from '../../../../shared/twin/bindings.js';
import { SpaceLayout } from '../../../../shared/space/layout.js';

describe('twin messages', () => {
  it('are in the client message table and their errors in ERROR_TEXT', () => {
    expect(Object.keys(ClientMessages)).toEqual(
      expect.arrayContaining(['twin.command', 'twin.grab', 'twin.move', 'twin.release', 'twin.panel']),
    );
    for (const code of Object.keys(TWIN_ERRORS)) expect(ERROR_TEXT).toHaveProperty([code]);
  });

  it.each<[string, Parameters<typeof check>[0], unknown, boolean]>([
    ['command', TwinCommandMessage, { twin: 'cnc-1', action: 'setSpeed', input: { rpm: 1 } }, true],
    ['command without input', TwinCommandMessage, { twin: 'cnc-1', action: 'stop' }, true],
    ['command naming someone else', TwinCommandMessage, { twin: 'cnc-1', action: 'stop', by: 'other' }, false],
    ['command to a bad id', TwinCommandMessage, { twin: 'CNC 1', action: 'stop' }, false],
    ['grab', TwinPartMessage, { twin: 'cnc-1', part: 'cover' }, true],
    ['move', TwinMoveMessage, { twin: 'cnc-1', part: 'cover', p: [1, 2, 3], q: [0, 0, 0, 1] }, true],
    ['move with NaN', TwinMoveMessage, { twin: 'cnc-1', part: 'cover', p: [Number.NaN, 2, 3], q: [0, 0, 0, 1] }, false],
    ['move with a short quaternion', TwinMoveMessage, { twin: 'cnc-1', part: 'cover', p: [1, 2, 3], q: [0, 0, 1] }, false],
    ['panel', TwinPanelMessage, { twin: 'pump-1', open: true }, true],
    ['panel without open', TwinPanelMessage, { twin: 'pump-1' }, false],
  ])('%s', (_w, schema, value, ok) => {
    expect(check(schema, value).ok).toBe(ok);
  });
});

describe('the tv:twin extension', () => {
  it('fills defaults: staleAfter 5 s, no bindings, alarms, set-points or movable parts', () => {
    const r = check(TwinExtension, { version: 1, model: { gltf: 'models/pump.glb' } });
    expect(r.ok && r.value).toMatchObject({ staleAfter: 5, bindings: [], alarms: [], setpoints: [], movable: [] });
  });

  it('refuses a model path outside assets/models', () => {
    const r = check(TwinExtension, { version: 1, model: { gltf: '../../etc/passwd' } });
    expect(r.ok).toBe(false);
  });

  it('TW3: layouts place twins with defaults for yawDeg and scale and are open unless locked', () => {
    const r = check(SpaceLayout, {
      version: 1,
      title: 'T',
      hall: { width: 10, depth: 10, height: 4 },
      spawn: { x: 0, z: 0, yaw: 0 },
      twins: [{ twin: 'cnc-1', position: [1, 0, 2] }],
    });
    expect(r.ok && r.value).toMatchObject({ locked: false, twins: [{ twin: 'cnc-1', yawDeg: 0, scale: 1 }] });
    const old = check(SpaceLayout, { version: 1, title: 'T', hall: { width: 10, depth: 10, height: 4 }, spawn: { x: 0, z: 0, yaw: 0 } });
    expect(old.ok).toBe(true); // version-1 files from before twins are still valid
  });
});

describe('rotation helpers', () => {
  it('a yaw of 90° turns −Z (forward) to −X (left, seen from above counter-clockwise)', () => {
    const q = eulerDegToQuat(0, 90, 0);
    const f = rotateVec(q, [0, 0, -1]);
    expect(f[0]).toBeCloseTo(-1, 6);
    expect(f[2]).toBeCloseTo(0, 6);
  });

  it('extrinsic XYZ: rotating by (90, 90, 0) equals yaw after pitch', () => {
    const composed = multiplyQuat(eulerDegToQuat(0, 90, 0), eulerDegToQuat(90, 0, 0));
    const direct = eulerDegToQuat(90, 90, 0);
    for (const k of ['x', 'y', 'z', 'w'] as const) expect(direct[k]).toBeCloseTo(composed[k], 6);
  });
});

describe('binding helpers', () => {
  const ramp = [
    { at: 20, color: '#000000' },
    { at: 60, color: '#ff0000' },
    { at: 100, color: '#ffffff' },
  ];
  it('rampColor interpolates between stops and clamps at the ends', () => {
    const c = { r: 0, g: 0, b: 0 };
    expect(rampColor(ramp, 40, c)).toEqual({ r: 0.5, g: 0, b: 0 });
    expect(rampColor(ramp, 80, c)).toEqual({ r: 1, g: 0.5, b: 0.5 });
    expect(rampColor(ramp, -5, c)).toEqual({ r: 0, g: 0, b: 0 });
    expect(rampColor(ramp, 500, c)).toEqual({ r: 1, g: 1, b: 1 });
  });
  it('gaugeFill and labelText', () => {
    const g = { kind: 'gauge' as const, property: 'p', part: 'x', axis: 'y' as const, min: 0, max: 10 };
    expect(gaugeFill(g, 2.5)).toBe(0.25);
    expect(gaugeFill(g, 50)).toBe(1);
    expect(gaugeFill(g, Number.NaN)).toBe(0);
    expect(labelText({ kind: 'label', property: 'p', part: 'x', digits: 0 }, 8123.4, 'rpm')).toBe('8123 rpm');
    expect(labelText({ kind: 'label', property: 'p', part: 'x' }, 'Ready', '')).toBe('Ready');
  });
});
