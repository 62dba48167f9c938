/**
 * The page's first join (SPEC BM2): "try again in a moment" refusals are retried with the rejoin's
 * backoff, a definite refusal is passed on at once, and the retrying stops after the rejoin's bound.
 * Clock and sleeps are the test's.
 */
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../../shared/protocol/version.js';
import { joinWithRetry } from '../../../../client/net/joinRetry.js';
import { REJOIN_GIVE_UP_MS } from '../../../../client/net/rejoin.js';

const refusal = (code: number) => Object.assign(new Error(`refused ${code}`), { code });

function scripted(outcomes: (number | 'ok')[]) {
  let clock = 0;
  let calls = 0;
  const slept: number[] = [];
  const deps = {
    now: () => clock,
    random: () => 0.5,
    sleep: (ms: number) => {
      slept.push(ms);
      clock += ms;
      return Promise.resolve();
    },
  };
  const join = () => {
    const o = outcomes[Math.min(calls++, outcomes.length - 1)]!;
    return o === 'ok' ? Promise.resolve('seat') : Promise.reject(refusal(o));
  };
  return { deps, join, slept, calls: () => calls };
}

describe('the first join', () => {
  it('BM2: 4439, 4430 and 4438 are retried with backoff until a seat', async () => {
    const s = scripted([CloseCode.SPACE_PREPARING, CloseCode.SPACE_BUSY, CloseCode.TOKEN_UNCHECKED, 'ok']);
    await expect(joinWithRetry(s.join, s.deps)).resolves.toBe('seat');
    expect(s.calls()).toBe(4);
    expect(s.slept).toEqual([500, 1000, 2000]);
  });

  it('BM2 J6: a definite refusal (full, locked) ends it at once', async () => {
    for (const code of [CloseCode.SPACE_FULL, CloseCode.SPACE_LOCKED]) {
      const s = scripted([code, 'ok']);
      await expect(joinWithRetry(s.join, s.deps)).rejects.toMatchObject({ code });
      expect(s.calls()).toBe(1);
    }
  });

  it('BM2: a space that stays “being prepared” is given up on after the rejoin’s bound, with its refusal', async () => {
    const s = scripted([CloseCode.SPACE_PREPARING]);
    await expect(joinWithRetry(s.join, s.deps)).rejects.toMatchObject({ code: CloseCode.SPACE_PREPARING });
    const waited = s.slept.reduce((a, b) => a + b, 0);
    expect(waited).toBeGreaterThan(REJOIN_GIVE_UP_MS);
    expect(waited - s.slept.at(-1)!).toBeLessThanOrEqual(REJOIN_GIVE_UP_MS);
  });
});
