/**
 * Which parts the client offers to put back (SPEC G7): those of the open machine that are away from
 * where its definition rests them, following its placement, and that nobody holds.
 */
import { describe, expect, it } from 'vitest';
import { movableMachine, placedTurn } from '../../../support/movableMachine.js';
import { partsAway, returnLabel, returnSlots } from '../../../../client/twins/returnPart.js';
import type { PartPose, TwinInfo } from '../../../../client/twins/store.js';

const ext = movableMachine(1);
const q = placedTurn;
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

describe('the offer’s place (SPEC UX11)', () => {
  it('UX11: every movable part of the open machine has a slot, resting ones too, so a part carried away later takes a place already kept', () => {
    const knobRest: [number, number, number] = [4 + 2.1, 2.8, -0.4];
    expect(returnSlots(twin({ cover: part([6, 2.8, 0]), knob: part(knobRest) }), ext)).toEqual([
      { part: 'cover', away: false },
      { part: 'knob', away: false },
    ]);
    expect(returnSlots(twin({ cover: part([6, 2.8, 0.5]), knob: part(knobRest) }), ext)).toEqual([
      { part: 'cover', away: true },
      { part: 'knob', away: false },
    ]);
  });
});
