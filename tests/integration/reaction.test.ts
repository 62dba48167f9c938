/**
 * Quick reactions over the wire (SPEC RX1, RX2): relayed to everyone in the space with the sender
 * named by the server; an emoji outside the set and a burst beyond the rate are refused by name.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RelayedReaction } from '../../shared/protocol/reaction.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { member, type Member } from '../support/inbox.js';
import { roundTrips } from '../support/barrier.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 20 });
});
afterAll(async () => {
  await server?.close();
});

const leave = (...ms: Member[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));

describe('reactions', () => {
  it('RX1: a reaction reaches everyone in the space, the sender named by the server; other spaces see nothing', async () => {
    const a = await member(server.endpoint, { space: 'rx', name: 'Ada' });
    const b = await member(server.endpoint, { space: 'rx', name: 'Bo' });
    const elsewhere = await member(server.endpoint, { space: 'rx-other' });
    a.room.send('reaction', { emoji: '👏' });
    expect(await b.next<RelayedReaction>('reaction')).toEqual({ from: a.id, emoji: '👏' });
    expect(await a.next<RelayedReaction>('reaction')).toEqual({ from: a.id, emoji: '👏' });
    // A payload cannot claim to come from someone else.
    a.room.send('reaction', { emoji: '👍', from: b.id });
    await a.refused('message.invalid');
    await roundTrips(a, elsewhere);
    expect(elsewhere.of('reaction')).toEqual([]);
    await leave(a, b, elsewhere);
  });

  it('RX2: an emoji outside the set is refused as reaction.unknown and relays nothing; the session stays', async () => {
    const a = await member(server.endpoint, { space: 'rx-unknown' });
    const b = await member(server.endpoint, { space: 'rx-unknown' });
    a.room.send('reaction', { emoji: '💩' });
    const refusal = await a.refused('reaction.unknown');
    expect(refusal.ref).toBe('reaction');
    expect(refusal.message).toContain('👍');
    await roundTrips(a, b);
    expect(b.of('reaction')).toEqual([]);
    // Still in: the next good one goes through.
    a.room.send('reaction', { emoji: '❤️' });
    expect(await b.next<RelayedReaction>('reaction')).toEqual({ from: a.id, emoji: '❤️' });
    await leave(a, b);
  });

  it('RX2: more than 4 reactions at once are refused with message.rate; the first 4 get through', async () => {
    const a = await member(server.endpoint, { space: 'rx-rate' });
    const b = await member(server.endpoint, { space: 'rx-rate' });
    for (let i = 0; i < 7; i++) a.room.send('reaction', { emoji: '👍' });
    const refusal = await a.refused('message.rate');
    expect(refusal.ref).toBe('reaction');
    await roundTrips(a, b);
    expect(b.of('reaction')).toHaveLength(4);
    await leave(a, b);
  });
});
