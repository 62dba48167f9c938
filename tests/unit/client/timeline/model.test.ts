/** The replay bar's words and who may use its controls (SPEC RP7, RP3), without a browser. */
import { describe, expect, it } from 'vitest';
import { bannerText, LIVE, mayDrive, sameTimeline, type Timeline } from '../../../../client/timeline/model.js';

const AT = Date.UTC(2026, 11, 1, 18, 5, 12);
const replay: Timeline = { mode: 'replay', at: AT, speed: 10, playing: true, by: 'Ada', drivers: 'operators' };

describe('replay bar model', () => {
  it('RP7: the banner says REPLAY, when, play state with speed, and who drove it', () => {
    const nextYear = AT + 400 * 86_400_000;
    expect(bannerText(replay, nextYear)).toMatch(/^REPLAY · \d+ Dec 2026 \d\d:\d\d:12 · playing 10× · by Ada$/);
    expect(bannerText({ ...replay, playing: false }, AT)).toMatch(/^REPLAY · \d\d:\d\d:12 · paused · by Ada$/);
  });

  it('RP3 RP7: the controls are enabled for those the space lets drive', () => {
    const viewer = { host: false, operator: false };
    const operator = { host: false, operator: true };
    const host = { host: true, operator: false };
    expect([viewer, operator, host].map((me) => mayDrive(replay, me))).toEqual([false, true, true]);
    expect([viewer, operator, host].map((me) => mayDrive({ ...replay, drivers: 'host' }, me))).toEqual([false, false, true]);
    expect(mayDrive({ ...replay, drivers: 'everyone' }, viewer)).toBe(true);
  });

  it('RP7: an unchanged timeline is recognised, so the bar redraws only on a change', () => {
    expect(sameTimeline(replay, { ...replay })).toBe(true);
    expect(sameTimeline(replay, { ...replay, at: AT + 1000 })).toBe(false);
    expect(sameTimeline(LIVE, replay)).toBe(false);
  });
});
