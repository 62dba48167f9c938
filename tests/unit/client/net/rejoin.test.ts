/**
 * Getting back after a lost connection (SPEC RS6), with the clock, the sleeps and the randomness in
 * the test's hands: which way back (same seat or fresh join), what people are told, the backoff's
 * bounds and jitter, and when the page gives up.
 */
import type { Room } from 'colyseus.js';
import { describe, expect, it } from 'vitest';
import { CloseCode } from '../../../../shared/protocol/version.js';
import type { SpaceState } from '../../../../shared/state/space.js';
import { REJOIN_GIVE_UP_MS, REJOIN_MAX_MS, rejoin, rejoinDelay, type RejoinDeps } from '../../../../client/net/rejoin.js';
import type { ConnectionStatus } from '../../../../client/net/status.js';

const ROOM = {} as Room<SpaceState>;
const NETWORK_DOWN = 4999;

/** Deps whose reconnect and join answer from the given scripts (an Error rejects; 'ok' resolves). */
function script(reconnects: (Error | 'ok')[], joins: (Error | 'ok')[]) {
  let clock = 0;
  const calls: string[] = [];
  const statuses: ConnectionStatus[] = [];
  const next = (list: (Error | 'ok')[], name: string) => {
    calls.push(name);
    const r = list.shift() ?? new Error('network error');
    return r === 'ok' ? Promise.resolve(ROOM) : Promise.reject(r);
  };
  const deps: RejoinDeps = {
    reconnect: () => next(reconnects, 'reconnect'),
    join: () => next(joins, 'join'),
    adopt: async (_room, how) => void calls.push(`adopt ${how}`),
    stopped: () => false,
    status: (s) => statuses.push(s),
    sleep: async (ms) => void (clock += ms),
    now: () => clock,
    random: () => 0.5,
  };
  return { deps, calls, statuses };
}

describe('rejoin', () => {
  it('RS6: after 4503 it joins afresh at once (the restarted server holds no seat) and says the server is restarting', async () => {
    const s = script([], [new Error('fetch failed'), 'ok']);
    expect(await rejoin(s.deps, 'token', CloseCode.SERVER_RESTARTING)).toBe('rejoined');
    expect(s.calls).toEqual(['join', 'join', 'adopt rejoined']);
    expect(s.statuses.map((x) => x.state === 'reconnecting' && x.reason)).toEqual(['restarting', 'restarting']);
  });

  it('RS6: after a drop it keeps the seat while the server holds it', async () => {
    const s = script([new Error('fetch failed'), 'ok'], []);
    expect(await rejoin(s.deps, 'token', NETWORK_DOWN)).toBe('reconnected');
    expect(s.calls).toEqual(['reconnect', 'reconnect', 'adopt reconnected']);
    expect(s.statuses[0]).toMatchObject({ state: 'reconnecting', attempt: 1, reason: 'lost' });
  });

  it('RS6: once the seat is gone (a killed and restarted server) it joins as the same person', async () => {
    const s = script([new Error('reconnection token invalid or expired')], ['ok']);
    expect(await rejoin(s.deps, 'token', NETWORK_DOWN)).toBe('rejoined');
    expect(s.calls).toEqual(['reconnect', 'join', 'adopt rejoined']);
  });

  it('RS6: a refusal retrying cannot change (the space got locked) ends it with the words', async () => {
    const locked = Object.assign(new Error('locked'), { code: CloseCode.SPACE_LOCKED });
    const s = script([], [locked]);
    expect(await rejoin(s.deps, null, CloseCode.SERVER_RESTARTING)).toBe('refused');
    expect(s.statuses.at(-1)).toEqual({ state: 'failed', reason: 'The host has locked this space.' });
  });

  it('RS6: backoff doubles from 0.5 s to at most 8 s, each ±25 %; it gives up after the bound', async () => {
    expect(rejoinDelay(1, () => 0)).toBe(375);
    expect(rejoinDelay(1, () => 1)).toBe(625);
    expect(rejoinDelay(2, () => 0.5)).toBe(1000);
    expect(rejoinDelay(30, () => 1)).toBe(REJOIN_MAX_MS * 1.25);
    const s = script([], []);
    expect(await rejoin(s.deps, null, CloseCode.SERVER_RESTARTING)).toBe('gave_up');
    expect(s.statuses.at(-1)).toMatchObject({ state: 'failed' });
    const attempts = s.calls.length;
    expect(attempts).toBeGreaterThan(REJOIN_GIVE_UP_MS / (REJOIN_MAX_MS * 1.25));
    expect(attempts).toBeLessThan(REJOIN_GIVE_UP_MS / (REJOIN_MAX_MS * 0.75) + 10);
  });
});
