/**
 * SPEC R4 against a held seat (issue 10): a host whose connection dropped — their seat held for a
 * reconnection (L2) — and whom another host removes cannot come back into that seat with their
 * reconnection token. Its own file: the reconnection window must be long (60 s) so that only the
 * removal can end the hold, and Colyseus' matchmaker is one per process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatLine } from '../../shared/protocol/chat.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { member } from '../support/inbox.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 20, reconnectSeconds: 60 }, { HOST_PASSCODES: JSON.stringify({ chamber: 'chair-code' }) });
});
afterAll(async () => {
  await server?.close();
});

describe('removing someone whose seat is held', () => {
  it('R4 L2: a host removed while their seat is held for reconnection cannot reconnect into it; the seat goes at once', async () => {
    const chair = await member(server.endpoint, { space: 'chamber', name: 'Chair', passcode: 'chair-code' });
    const second = await member(server.endpoint, { space: 'chamber', name: 'Second', passcode: 'chair-code' });
    await waitFor('two hosts', () => [...chair.room.state.avatars.values()].filter((a) => a.host).length === 2);
    const token = second.room.reconnectionToken;
    // Dropped without a consented leave, as a network failure would: the seat is held (60 s).
    (second.room.connection as unknown as { close(code?: number): void }).close(4999);
    await waitFor('the seat held', () => chair.room.state.avatars.get(second.id)?.connected === false);

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
    await chair.room.leave();
  });
});
