/** What the panel's chart reads from the server, checked before use (SPEC CH1). */
import { describe, expect, it } from 'vitest';
import { alarmMarkersOf, noteMarkersOf, pointsOf } from '../../../../client/twins/chartData.js';
import { mergePoints, timeTick } from '../../../../client/twins/chart.js';

describe('chart data (SPEC CH1)', () => {
  it('CH1: number buckets become band points; boolean buckets chart their share of time true', () => {
    expect(
      pointsOf({
        stepMs: 60_000,
        buckets: [
          { t: 0, n: 3, min: 1, avg: 2, max: 4, first: 1, last: 4 },
          { t: 60_000, n: 2, first: 0, last: 1, fraction: 0.25 },
          { t: 120_000, n: 0, first: null, last: null, fraction: null },
        ],
      }),
    ).toEqual([
      { t: 0, min: 1, avg: 2, max: 4 },
      { t: 60_000, min: 0.25, avg: 0.25, max: 0.25 },
    ]);
  });

  it('CH1: an answer that does not pass the check is no history, not half-read', () => {
    expect(pointsOf({ buckets: 'many' })).toBeNull();
    expect(pointsOf(null)).toBeNull();
    expect(alarmMarkersOf({ events: [{ at: 'soon' }] }, 'p')).toEqual([]);
    expect(noteMarkersOf({ error: 'not_found' })).toEqual([]);
  });

  it('CH1: alarm events of the charted property and every note become markers', () => {
    const events = [
      { at: 1, alarm: 'hot', property: 'temp', kind: 'raised', severity: 'warning', message: 'Hot', value: 81, by: null },
      { at: 2, alarm: 'hot', property: 'temp', kind: 'cleared', severity: 'warning', message: 'Hot', value: 70, by: null },
      { at: 3, alarm: 'high', property: 'pressure', kind: 'raised', severity: 'critical', message: 'High', value: 7, by: null },
    ];
    expect(alarmMarkersOf({ twin: 'x', events, truncated: false }, 'temp').map((m) => [m.at, m.kind])).toEqual([
      [1, 'raised'],
      [2, 'cleared'],
    ]);
    expect(noteMarkersOf({ twin: 'x', notes: [{ id: 'n1', at: 5, kind: 'note', text: 'Filter changed', by: { name: 'Ada' } }] })).toEqual([
      { at: 5, kind: 'note', text: 'Filter changed' },
    ]);
  });

  it('CH1: live values follow the last bucket; older ones and those before the window are left out', () => {
    const buckets = [
      { t: 1000, min: 1, avg: 1, max: 1 },
      { t: 2000, min: 2, avg: 2, max: 2 },
    ];
    const live = [
      { t: 1500, v: 9 },
      { t: 2500, v: 3 },
    ];
    expect(mergePoints(buckets, live, 0).map((p) => p.t)).toEqual([1000, 2000, 2500]);
    expect(mergePoints([], live, 2000).map((p) => p.t)).toEqual([2500]);
  });

  it('CH1: time ticks read as clock times within a day, with the weekday over several days', () => {
    const t = new Date(2026, 11, 1, 14, 5).getTime();
    expect(timeTick(t, 3_600_000)).toBe('14:05');
    expect(timeTick(t, 7 * 86_400_000)).toBe('Tue 14:05');
    expect(timeTick(new Date(2026, 11, 1).getTime(), 7 * 86_400_000)).toBe('Tue 1');
  });
});
