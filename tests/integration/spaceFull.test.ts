/** A space at its cap (SPEC J6): the next join is refused by name; those seated stay; a freed seat lets one in. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, ROOM_NAME } from '../../shared/protocol/version.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { join } from '../support/clients.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 50, maxPerSpace: 2, reconnectSeconds: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe('a full space', () => {
  it('J6: the third person in a space of two is refused with 4405 “This space is full.”; the two stay; a freed seat admits', async () => {
    const a = await join(server.endpoint, { space: 'full', name: 'A' });
    const b = await join(server.endpoint, { space: 'full', name: 'B' });
    const refused = await new Client(server.endpoint)
      .joinOrCreate(ROOM_NAME, joinOptions({ space: 'full', name: 'C', color: '#123456' }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    // Refused at the seat (onJoin), like a locked space: the join fails with the code and its words.
    expect(refused).toMatchObject({ code: CloseCode.SPACE_FULL });
    expect((refused as Error).message).toMatch(/This space is full\. \(2 people\)/);
    // Those seated are untouched and still served.
    await a.roundTrip();
    await b.roundTrip();
    expect([...a.room.state.avatars.keys()].sort()).toEqual([a.room.sessionId, b.room.sessionId].sort());
    // Another space is not full.
    const elsewhere = await join(server.endpoint, { space: 'not-full', name: 'D' });
    await b.room.leave();
    await waitFor('B gone at A', () => !a.room.state.avatars.has(b.room.sessionId));
    const c = await join(server.endpoint, { space: 'full', name: 'C' });
    expect(c.room.roomId).toBe(a.room.roomId);
    for (const x of [a, c, elsewhere]) await x.room.leave();
  });
});
