/** Sliders start at the machine's set-point (SPEC PN4); stop-class actions are marked (SPEC PN3). */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDefinition } from '../../../../client/twins/definitions.js';
import { describeInput, sliderStart } from '../../../../client/twins/actionInput.js';
import { needsConfirmation } from '../../../../shared/twin/actionSafety.js';
import type { PropertyValue } from '../../../../client/twins/store.js';

const def = (id: string) => readDefinition(id, JSON.parse(fs.readFileSync(`assets/twins/${id}.td.json`, 'utf8')));
const value = (num: number, desired = '', ts = 1): PropertyValue => ({
  type: 'number',
  num,
  text: '',
  unit: '%',
  ts,
  quality: 'good',
  desired,
  trend: 0,
});

describe('slider start (SPEC PN4)', () => {
  const pump = def('pump-1');
  const input = describeInput(pump.actions.setSpeed!.input);
  if (input.kind !== 'number') throw new Error('the pump speed input is a number');

  it('PN4: starts at the reported set-point, or the pending one, never at 50 % of the range', () => {
    expect(sliderStart(input, 'setSpeed', pump.ext.setpoints, new Map([['speed', value(73.5)]]))).toBe(73.5);
    expect(sliderStart(input, 'setSpeed', pump.ext.setpoints, new Map([['speed', value(73.5, '40')]]))).toBe(40);
    expect(sliderStart(input, 'setSpeed', pump.ext.setpoints, new Map([['speed', value(73.5, '{"percent":20}')]]))).toBe(20);
    // Out of the action's range (a reading above its maximum): the nearest end.
    expect(sliderStart(input, 'setSpeed', pump.ext.setpoints, new Map([['speed', value(130)]]))).toBe(100);
  });

  it('PN4: the middle of the range only when the machine has no reading yet', () => {
    expect(sliderStart(input, 'setSpeed', pump.ext.setpoints, new Map([['speed', value(0, '', 0)]]))).toBe(50);
    expect(sliderStart(input, 'setSpeed', pump.ext.setpoints, new Map())).toBe(50);
  });

  it('PN4: an integer input starts on a whole number', () => {
    const cnc = def('cnc-1');
    const rpm = describeInput(cnc.actions.setSpeed!.input);
    if (rpm.kind !== 'number') throw new Error('the spindle speed input is a number');
    expect(sliderStart(rpm, 'setSpeed', cnc.ext.setpoints, new Map([['spindleSpeed', value(7999.6)]]))).toBe(8000);
  });
});

describe('stop-class actions (SPEC PN3)', () => {
  it('PN3: every factory machine marks its Stop for confirmation, and only the actions that halt it', () => {
    for (const id of ['cnc-1', 'pump-1', 'conveyor-1']) {
      const d = def(id);
      const marked = Object.entries(d.actions)
        .filter(([, a]) => needsConfirmation(a))
        .map(([name]) => name);
      expect(marked).toEqual(['stop']);
    }
  });
});
