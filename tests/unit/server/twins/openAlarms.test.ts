/**
 * Which alarms were open at the last stop, from each alarm's latest events, and how one is put back
 * on a live twin (SPEC AK5).
 */
import { describe, expect, it } from 'vitest';
import type { AlarmEvent } from '../../../../server/store/alarmEventsTable.js';
import { openAlarms, restoreOpenAlarm } from '../../../../server/twins/openAlarms.js';
import { factoryRuntime } from '../../../support/runtime.js';

let nextId = 1;
function ev(kind: AlarmEvent['kind'], at: number, alarm = 'pressureHigh', byName = ''): AlarmEvent & { id: number } {
  return {
    id: nextId++,
    twin: 'pump-1',
    alarm,
    property: 'outletPressure',
    kind,
    severity: 'critical',
    message: 'Outlet pressure high',
    value: kind === 'acknowledged' ? null : 7.1,
    bySession: byName ? `s-${byName}` : '',
    byName,
    at,
  };
}

describe('open alarms at the last stop', () => {
  it('AK5: raised and not cleared is open, with the acknowledgement given after that raising', () => {
    const raised = ev('raised', 1000);
    const ack = ev('acknowledged', 2000, 'pressureHigh', 'Ada');
    expect(openAlarms([raised, ack])).toEqual([{ raised, ack }]);
  });

  it('AK5: cleared after its raising is not open; raised again after a clear is open and unacknowledged', () => {
    const r1 = ev('raised', 1000);
    const a1 = ev('acknowledged', 1500, 'pressureHigh', 'Ada');
    const c1 = ev('cleared', 2000);
    expect(openAlarms([r1, a1, c1])).toEqual([]);
    // The latest of each kind, as the store gives them: the ack belongs to the earlier raising.
    const r2 = ev('raised', 3000);
    expect(openAlarms([r2, a1, c1])).toEqual([{ raised: r2, ack: null }]);
  });

  it('AK5: events in the same millisecond are ordered by the order they were written', () => {
    const raised = ev('raised', 5000);
    const cleared = ev('cleared', 5000);
    expect(openAlarms([cleared, raised])).toEqual([]);
  });

  it('AK5: an open alarm comes back active with who acknowledged it and when', async () => {
    const rt = await factoryRuntime();
    const twin = rt.get('pump-1')!;
    const raised = ev('raised', 1000);
    const ack = ev('acknowledged', 2000, 'pressureHigh', 'Ada');
    expect(restoreOpenAlarm(twin, { raised, ack })).toBe(true);
    expect(twin.alarms.get('pressureHigh')).toMatchObject({ since: 1000, value: 7.1, ackByName: 'Ada', ackBy: 's-Ada', ackAt: 2000 });
    // Still active at the next value above the limit: the same alarm, still acknowledged, no new raising.
    expect(rt.ingest('pump-1', 'outletPressure', 7.0, 3000)).toBeNull();
    expect(twin.alarms.get('pressureHigh')).toMatchObject({ since: 1000, ackByName: 'Ada' });
    // Back below the band: cleared; above again: a new alarm, unacknowledged (AK1).
    rt.ingest('pump-1', 'outletPressure', 5.0, 4000);
    expect(twin.alarms.has('pressureHigh')).toBe(false);
    rt.ingest('pump-1', 'outletPressure', 7.0, 5000);
    expect(twin.alarms.get('pressureHigh')).toMatchObject({ since: 5000, ackAt: 0 });
  });

  it('AK5: a fresh value that raised it first keeps its raising and takes the acknowledgement; one that cleared it wins', async () => {
    const rt = await factoryRuntime();
    const twin = rt.get('pump-1')!;
    rt.ingest('pump-1', 'outletPressure', 7.2, 9000);
    expect(restoreOpenAlarm(twin, { raised: ev('raised', 1000), ack: ev('acknowledged', 2000, 'pressureHigh', 'Ada') })).toBe(true);
    expect(twin.alarms.get('pressureHigh')).toMatchObject({ since: 9000, ackByName: 'Ada', ackAt: 2000 });

    const other = await factoryRuntime();
    const calm = other.get('pump-1')!;
    other.ingest('pump-1', 'outletPressure', 3.0, 9000);
    expect(restoreOpenAlarm(calm, { raised: ev('raised', 1000), ack: null })).toBe(false);
    expect(calm.alarms.size).toBe(0);
  });

  it('AK5: an alarm the definition no longer has is not put back', async () => {
    const rt = await factoryRuntime();
    expect(restoreOpenAlarm(rt.get('pump-1')!, { raised: ev('raised', 1000, 'gone'), ack: null })).toBe(false);
  });
});
