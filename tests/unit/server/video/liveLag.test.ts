/**
 * A feed's lag behind live (SPEC VS5), from RTP timestamps and arrival times made up here: a reader
 * that keeps pace is never late, one that stalls and then works through the backlog is late by the
 * stall, one starved of CPU grows later with every second, and the 32-bit timestamp wraps unnoticed.
 */
import { describe, expect, it } from 'vitest';
import { LiveLag } from '../../../../server/video/liveLag.js';

/** 90 kHz ticks of `ms` milliseconds. */
const ticks = (ms: number) => ms * 90;

describe('how far a feed is behind live', () => {
  it('VS5: pictures that arrive at the pace they were made are not late, jitter and a start-up burst included', () => {
    const lag = new LiveLag();
    // ffmpeg's first pictures come in a burst once its start is over: the later ones set the pace.
    const late = [0, 100, 200, 300].map((m) => lag.packet(ticks(m), 1000));
    expect(late).toEqual([0, 0, 0, 0]);
    // Then 10 per second, each a few ms early or late.
    const steady = Array.from({ length: 50 }, (_, i) => lag.packet(ticks(400 + i * 100), 1100 + i * 100 + (i % 3) * 20));
    expect(Math.max(...steady)).toBeLessThanOrEqual(40);
  });

  it('VS5: a reader that stalled for 6 s sends its backlog 6 s late; a new run starts from its own pace', () => {
    const lag = new LiveLag();
    for (let i = 0; i < 20; i++) lag.packet(ticks(i * 100), 5000 + i * 100);
    // Stalled after the picture of 1.9 s; at 8.0 s of the wall clock it sends the picture of 2.0 s.
    expect(lag.packet(ticks(2000), 5000 + 8000)).toBeCloseTo(6000, 0);
    lag.reset();
    expect(lag.packet(123_456, 20_000)).toBe(0);
    expect(lag.packet(123_456 + ticks(100), 20_100)).toBe(0);
  });

  it('VS5: a reader that makes 5 pictures a second of a 10 per second camera falls further behind every second', () => {
    const lag = new LiveLag();
    const late = Array.from({ length: 50 }, (_, i) => lag.packet(ticks(i * 100), i * 200));
    expect(late[10]).toBeCloseTo(1000, 0);
    expect(late[49]).toBeCloseTo(4900, 0);
  });

  it('VS5: timestamps that wrap past 2³² keep their pace', () => {
    const lag = new LiveLag();
    const start = 2 ** 32 - ticks(250);
    const late = Array.from({ length: 10 }, (_, i) => lag.packet((start + ticks(i * 100)) % 2 ** 32, i * 100));
    expect(late.every((l) => l === 0)).toBe(true);
  });
});
