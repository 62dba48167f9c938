/** Alarm thresholds with hysteresis (SPEC AL1): raised once, no flapping at the limit. */
import { describe, expect, it } from 'vitest';
import { alarmActive } from '../../../../server/twins/alarms.js';
import type { AlarmRule } from '../../../../shared/twin/extension.js';

const high: AlarmRule = { id: 'hot', property: 't', above: 80, hysteresis: 5, severity: 'warning', message: 'hot' };
const low: AlarmRule = { id: 'low', property: 'p', below: 2, hysteresis: 0.5, severity: 'critical', message: 'low' };

function trace(rule: AlarmRule, values: number[]): boolean[] {
  let on = false;
  return values.map((v) => (on = alarmActive(rule, v, on)));
}

describe('alarm hysteresis', () => {
  it('AL1: an above-alarm raises past the threshold and clears only below threshold − hysteresis', () => {
    expect(trace(high, [70, 80, 80.1, 79, 76, 75.1, 75, 74.9, 79.9, 80.5])).toEqual([
      false,
      false,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('AL1: a value hovering around the threshold raises once instead of flapping', () => {
    const hovering = Array.from({ length: 200 }, (_, i) => 80 + Math.sin(i) * 2);
    const states = trace(high, hovering);
    const changes = (s: boolean[]) => s.filter((x, i) => i > 0 && x !== s[i - 1]).length;
    expect(states[0]).toBe(false);
    expect(changes(states)).toBe(1); // raised once (the first value above 80), never cleared
    // Without hysteresis the same signal would flap dozens of times.
    expect(changes(trace({ ...high, hysteresis: 0 }, hovering))).toBeGreaterThan(50);
  });

  it('AL1: a below-alarm is the mirror image', () => {
    expect(trace(low, [3, 2, 1.9, 2.4, 2.5, 2.51])).toEqual([false, false, true, true, false, false]);
  });

  it('AL1: a non-finite value leaves the alarm as it was', () => {
    expect(alarmActive(high, Number.NaN, true)).toBe(true);
    expect(alarmActive(high, Number.NaN, false)).toBe(false);
  });
});
