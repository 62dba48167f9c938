/** The replay play head's arithmetic (SPEC RP2), with the monotonic clock passed in by the test. */
import { describe, expect, it } from 'vitest';
import { headAt, headFrom, retime } from '../../../../shared/timeline/playhead.js';

const T = Date.UTC(2026, 11, 1, 8, 0, 0);

describe('play head', () => {
  it('RP2: playing, the replayed time advances by room seconds × speed', () => {
    const h = headFrom(T, 100, 10, true);
    expect(headAt(h, 100)).toBe(T);
    expect(headAt(h, 101)).toBe(T + 10_000);
    expect(headAt(h, 106.5)).toBe(T + 65_000);
    expect(headAt(headFrom(T, 0, 60, true), 2)).toBe(T + 120_000);
  });

  it('RP2: paused, the head stands still however much time passes', () => {
    const h = headFrom(T, 100, 60, false);
    expect(headAt(h, 100)).toBe(T);
    expect(headAt(h, 10_000)).toBe(T);
  });

  it('RP2: a pause or a new speed re-anchors without a jump; play resumes from where it stood', () => {
    const playing = headFrom(T, 0, 10, true);
    const paused = retime(playing, 3, { playing: false });
    expect(headAt(paused, 3)).toBe(T + 30_000);
    expect(headAt(paused, 50)).toBe(T + 30_000);
    const faster = retime(paused, 50, { playing: true, speed: 60 });
    expect(headAt(faster, 50)).toBe(T + 30_000);
    expect(headAt(faster, 51)).toBe(T + 90_000);
  });

  it('RP2: the head never passes the limit (the present), and a clock read before the anchor does not run it backwards', () => {
    const h = headFrom(T, 10, 60, true);
    expect(headAt(h, 20, T + 100_000)).toBe(T + 100_000);
    expect(headAt(h, 5)).toBe(T);
  });
});
