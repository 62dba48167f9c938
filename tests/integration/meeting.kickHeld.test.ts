/**
 * SPEC R4 against a held seat (issue 10): a host whose connection dropped — their seat held for a
 * reconnection (L2) — and whom another host removes cannot come back into that seat with their
 * reconnection token, and the seat is free at once: in a space of two (J6) the held seat keeps a
 * newcomer out until the removal, then lets the next one in. Its own file: the reconnection window must be long (60 s) so that only the
 * removal can end the hold, and Colyseus' matchmaker is one per process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import type { ChatLine } from '../../shared/protocol/chat.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, ROOM_NAME } from '../../shared/protocol/version.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { member } from '../support/inbox.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  // Two seats: the held one keeps the space full (J6) until the removal gives it up.
  server = await startTestServer(
    { patchRateMs: 20, reconnectSeconds: 60, maxPerSpace: 2 },
    { HOST_PASSCODES: JSON.stringify({ chamber: 'chair-code' }) },
  );
});
afterAll(async () => {
  await server?.close();
});

describe('removing someone whose seat is held', () => {
  it('R4 L2 J6: a host removed while their seat is held for reconnection cannot reconnect into it; the seat goes at once and the next person takes it', async () => {
    const chair = await member(server.endpoint, { space: 'chamber', name: 'Chair', passcode: 'chair-code' });
    const second = await member(server.endpoint, { space: 'chamber', name: 'Second', passcode: 'chair-code' });
    await waitFor('two hosts', () => [...chair.room.state.avatars.values()].filter((a) => a.host).length === 2);
    const token = second.room.reconnectionToken;
    // Dropped without a consented leave, as a network failure would: the seat is held (60 s).
    (second.room.connection as unknown as { close(code?: number): void }).close(4999);
    await waitFor('the seat held', () => chair.room.state.avatars.get(second.id)?.connected === false);
    // The held seat is taken: the space of two is full.
    const whileHeld = await new Client(server.endpoint)
      .joinOrCreate(ROOM_NAME, joinOptions({ space: 'chamber', name: 'Early', color: '#123456' }))
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(whileHeld).toMatchObject({ code: CloseCode.SPACE_FULL });

    chair.room.send('meeting.kick', { target: second.id });
    await waitFor('the held seat given up', () => !chair.room.state.avatars.has(second.id));
    const line = await waitFor('the removal line', () =>
      chair.of<ChatLine>('chat.line').find((l) => l.kind === 'leave' && l.name === 'Second'),
    );
    expect(line.text).toBe('was removed by the host');
    // The reconnection token brings nobody back, as host or otherwise.
    await expect(second.client.reconnect(token)).rejects.toThrow();
    expect(chair.room.state.avatars.has(second.id)).toBe(false);
    expect([...chair.room.state.avatars.values()].map((a) => a.name)).toEqual(['Chair']);
    // The seat is free: the next person in a space of two is seated.
    const third = await member(server.endpoint, { space: 'chamber', name: 'Third' });
    expect(third.room.roomId).toBe(chair.room.roomId);
    await third.room.leave();
    await chair.room.leave();
  });
});
