/**
 * The space's timeline as plain values, read from `state.timeline` after each patch (SPEC RP1), and
 * the words the banner shows. No DOM, no Babylon: unit-testable.
 */
import type { TimelineState } from '../../shared/state/timeline.js';
import { clockText } from '../core/clock.js';

export interface Timeline {
  mode: 'live' | 'replay';
  at: number;
  speed: number;
  playing: boolean;
  by: string;
  drivers: 'host' | 'operators' | 'everyone';
}

export const LIVE: Timeline = { mode: 'live', at: 0, speed: 1, playing: false, by: '', drivers: 'operators' };

export function readTimeline(t: TimelineState): Timeline {
  const drivers = t.drivers === 'host' || t.drivers === 'everyone' ? t.drivers : 'operators';
  return { mode: t.mode === 'replay' ? 'replay' : 'live', at: t.at, speed: t.speed, playing: t.playing, by: t.by, drivers };
}

export function sameTimeline(a: Timeline, b: Timeline): boolean {
  return a.mode === b.mode && a.at === b.at && a.speed === b.speed && a.playing === b.playing && a.by === b.by && a.drivers === b.drivers;
}

/** Whether someone with these roles may drive the timeline (the server decides; this only enables buttons). */
export function mayDrive(t: Timeline, me: { host: boolean; operator: boolean }): boolean {
  if (t.drivers === 'everyone') return true;
  if (t.drivers === 'host') return me.host;
  return me.host || me.operator;
}

/** The replayed moment with seconds, the day in front when it is not today ("30 Nov 18:05:12"). */
export function replayedWhen(at: number, now: number = Date.now()): string {
  return clockText(at, { now, seconds: true });
}

/** The banner's line: "REPLAY · <when> · playing 10× · by Ada" (words, not ⏸: not every system font has it). */
export function bannerText(t: Timeline, now: number = Date.now()): string {
  const state = t.playing ? `playing ${t.speed}×` : 'paused';
  return `REPLAY · ${replayedWhen(t.at, now)} · ${state}${t.by ? ` · by ${t.by}` : ''}`;
}
