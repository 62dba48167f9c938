/**
 * Which parts the client offers to put back (SPEC G7): those of the open machine that are away from
 * where its definition rests them, following its placement, and that nobody holds.
 */
import { describe, expect, it } from 'vitest';
import type { TwinExtension } from '../../../../shared/twin/extension.js';
import { eulerDegToQuat } from '../../../../shared/twin/math.js';
import { partsAway, returnLabel } from '../../../../client/twins/returnPart.js';
import type { PartPose, TwinInfo } from '../../../../client/twins/store.js';

const ext = {
  model: {
    primitives: [
      { id: 'base', shape: 'box', size: [2, 1, 2], position: [0, 0.5, 0], color: '#888888' },
      { id: 'cover', shape: 'box', size: [1, 0.8, 0.04], position: [0, 1.4, 1], color: '#888888' },
      { id: 'knob', shape: 'sphere', size: [0.1, 0.1, 0.1], position: [0.2, 0, 0.05], color: '#888888', parent: 'cover' },
    ],
  },
  movable: [
    { part: 'cover', reach: 1 },
    { part: 'knob', reach: 1 },
  ],
} as unknown as Pick<TwinExtension, 'model' | 'movable'>;

// Placed at x = 4, turned 90° (its +z faces +x), scale 2: the cover rests at (4 + 2, 2.8, 0).
const q = eulerDegToQuat(0, 90, 0);
const part = (p: [number, number, number], holder = ''): PartPose => ({ holder, holderName: holder, p, q: [q.x, q.y, q.z, q.w] });
const twin = (parts: Record<string, PartPose>): TwinInfo =>
  ({
    id: 'm',
    title: 'Mill',
    position: [4, 0, 0],
    rotation: [q.x, q.y, q.z, q.w],
    scale: 2,
    parts: new Map(Object.entries(parts)),
  }) as unknown as TwinInfo;

describe('parts away from rest', () => {
  it('G7: parts at rest are not offered; one moved away is', () => {
    const knobRest: [number, number, number] = [4 + 2.1, 2.8, -0.4]; // (0.2, 1.4, 1.05) × 2, turned 90°
    expect(partsAway(twin({ cover: part([6, 2.8, 0]), knob: part(knobRest) }), ext)).toEqual([]);
    expect(partsAway(twin({ cover: part([6, 2.8, 0.5]), knob: part(knobRest) }), ext)).toEqual(['cover']);
  });

  it('G7: a part someone holds is not offered (the server would refuse: twin.part_held)', () => {
    expect(partsAway(twin({ cover: part([6, 2.8, 0.5], 'abc'), knob: part([4 + 2.1, 2.8, -0.4]) }), ext)).toEqual([]);
  });

  it('G7: the offer names the part and the machine', () => {
    expect(returnLabel('cover', 'CNC mill 1')).toBe('Return cover to CNC mill 1');
  });
});
