import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, selectNearest, type Candidate } from '../../../../client/meeting/voice/selection.js';

const people = (n: number, step = 1): Candidate[] => Array.from({ length: n }, (_, i) => ({ id: `p${i}`, distance: 1 + i * step }));

describe('nearest-K selection with hysteresis (SPEC V3)', () => {
  it('wants everyone while there are at most k', () => {
    expect(selectNearest(people(5), new Set())).toEqual(new Set(['p0', 'p1', 'p2', 'p3', 'p4']));
  });

  it('wants the k nearest of a crowd', () => {
    const s = selectNearest(people(20), new Set());
    expect(s.size).toBe(DEFAULT_RULES.k);
    expect([...s].sort()).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });

  it('keeps a current peer who drifts just past the k-th (no flapping at the edge)', () => {
    const crowd = people(20, 0.5);
    const current = selectNearest(crowd, new Set());
    // p7 walks back a little: p8 is now nearer, but p7 stays inside the band.
    const moved = crowd.map((c) => (c.id === 'p7' ? { ...c, distance: 5.2 } : c));
    const next = selectNearest(moved, current);
    expect(next.has('p7')).toBe(true);
    expect(next.size).toBeLessThanOrEqual(DEFAULT_RULES.k + DEFAULT_RULES.extra);
  });

  it('drops a peer who walks well away', () => {
    const crowd = people(20, 0.5);
    const current = selectNearest(crowd, new Set());
    const moved = crowd.map((c) => (c.id === 'p3' ? { ...c, distance: 40 } : c));
    expect(selectNearest(moved, current).has('p3')).toBe(false);
  });

  it('never keeps more than k + extra', () => {
    const crowd = people(30, 0.01);
    const all = new Set(crowd.map((c) => c.id));
    expect(selectNearest(crowd, all).size).toBe(DEFAULT_RULES.k + DEFAULT_RULES.extra);
  });

  it('is stable: the same input gives the same set', () => {
    const crowd = people(20);
    const a = selectNearest(crowd, new Set());
    expect(selectNearest(crowd, a)).toEqual(a);
  });
});
