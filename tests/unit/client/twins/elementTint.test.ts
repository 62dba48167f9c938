/**
 * A bound building element speaks with its machine's state (SPEC BM8), and its identity reads the same
 * on the pointing card and the machine's panel (SPEC BM6).
 */
import { describe, expect, it } from 'vitest';
import { elementTint, STALE_TINT } from '../../../../client/twins/elementTint.js';
import { elementLines } from '../../../../client/building/elementText.js';
import type { AlarmInfo } from '../../../../client/twins/store.js';

const alarm = (severity: AlarmInfo['severity']) => ({ severity }) as AlarmInfo;

describe('building element tint and text', () => {
  it('BM8: the most severe active alarm colours the element, stale data greys it, good data leaves it', () => {
    expect(elementTint({ alarms: [], quality: 'good' })).toBeNull();
    expect(elementTint({ alarms: [], quality: 'stale' })).toBe(STALE_TINT);
    expect(elementTint({ alarms: [alarm('warning')], quality: 'good' })).toBe('#f3a712');
    expect(elementTint({ alarms: [alarm('info'), alarm('critical'), alarm('warning')], quality: 'stale' })).toBe('#e4572e');
  });

  it('BM6: an element reads as type and name, GlobalId and storey, then a line per property set', () => {
    const lines = elementLines(
      { storeys: [{ name: 'Ground floor', globalId: 'x', elevation: 0 }] },
      {
        id: 219,
        type: 'IfcPump',
        name: 'Pump P-101',
        globalId: '2ljKovQL29H_RR03$vBVaH',
        storey: 0,
        role: 'other',
        min: [0, 0, 0],
        max: [1, 1, 1],
        psets: { Pset_PumpTypeCommon: { NominalRotationSpeed: '1450', FlowRateRange: '0–120 m³/h' } },
      },
    );
    expect(lines).toEqual({
      title: 'IfcPump · Pump P-101',
      identity: 'GlobalId 2ljKovQL29H_RR03$vBVaH · Ground floor',
      psets: ['Pset_PumpTypeCommon: NominalRotationSpeed 1450, FlowRateRange 0–120 m³/h'],
    });
  });
});
