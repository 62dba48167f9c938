/**
 * One way to show alarms in a twin's state (SPEC AK1, TW6): the live sync and the replay both write
 * through `writeAlarms`, which touches only what changed.
 */
import { describe, expect, it } from 'vitest';
import { TwinState } from '../../../../../shared/state/twin.js';
import { writeAlarms, type ShownAlarm } from '../../../../../server/twins/room/alarmState.js';

const alarm = (over: Partial<ShownAlarm> = {}): ShownAlarm => ({
  id: 'pressureHigh',
  property: 'outletPressure',
  severity: 'warning',
  message: 'Outlet pressure high',
  since: 1000,
  value: 7,
  ackByName: '',
  ackAt: 0,
  ...over,
});

const shown = (state: TwinState) => [...state.alarms.values()].map((a) => ({ ...a.toJSON() }));

describe('writeAlarms', () => {
  it('TW6: adds new alarms, removes gone ones, keeps an unchanged alarm the same object', () => {
    const state = new TwinState();
    writeAlarms(state.alarms, new Map([['pressureHigh', alarm()]]));
    const first = state.alarms.get('pressureHigh');
    expect(shown(state)).toEqual([expect.objectContaining({ id: 'pressureHigh', since: 1000, value: 7, ackAt: 0 })]);
    writeAlarms(state.alarms, new Map([['pressureHigh', alarm({ value: 8 })]]));
    expect(state.alarms.get('pressureHigh')).toBe(first);
    writeAlarms(state.alarms, new Map());
    expect(state.alarms.size).toBe(0);
  });

  it('AK1: an acknowledgement is written onto the alarm shown; one raised again is new and unacknowledged', () => {
    const state = new TwinState();
    writeAlarms(state.alarms, new Map([['pressureHigh', alarm()]]));
    const first = state.alarms.get('pressureHigh');
    writeAlarms(state.alarms, new Map([['pressureHigh', alarm({ ackBy: 's1', ackByName: 'Ada', ackAt: 2000 })]]));
    expect(state.alarms.get('pressureHigh')).toBe(first);
    expect(first).toMatchObject({ ackBy: 's1', ackByName: 'Ada', ackAt: 2000 });
    writeAlarms(state.alarms, new Map([['pressureHigh', alarm({ since: 5000 })]]));
    expect(state.alarms.get('pressureHigh')).not.toBe(first);
    expect(state.alarms.get('pressureHigh')).toMatchObject({ since: 5000, ackBy: '', ackByName: '', ackAt: 0 });
  });
});
