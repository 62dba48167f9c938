/**
 * Meetings with configuration: host passcodes and ICE/TURN servers (loopback URLs, never contacted).
 * Its own file because Colyseus' matchmaker is one per process, so one configuration per test process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MatchMakeError } from 'colyseus.js';
import { Client } from 'colyseus.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, ROOM_NAME } from '../../shared/protocol/version.js';
import { type WelcomeMessage } from '../../shared/protocol/meeting.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { member, type Member } from '../support/inbox.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer(
    { patchRateMs: 20, reconnectSeconds: 1 },
    {
      HOST_PASSCODES: JSON.stringify({ boardroom: 'open-sesame', vault: 'vault-code' }),
      ICE_SERVERS: JSON.stringify([{ urls: 'stun:127.0.0.1:3478' }]),
      TURN_SECRET: 'turn-test-secret',
      TURN_URLS: 'turn:127.0.0.1:3478?transport=udp',
    },
  );
});
afterAll(async () => {
  await server?.close();
});

const leave = (...ms: Member[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));
const avatar = (observer: Member, subject: Member) => observer.room.state.avatars.get(subject.id);

describe('configured meetings', () => {
  it('V8: the welcome carries the configured ICE servers and a per-session TURN credential', async () => {
    const a = await member(server.endpoint, { space: 'ice' });
    const w = await a.next<WelcomeMessage>('meeting.welcome');
    expect(w.iceServers[0]).toEqual({ urls: 'stun:127.0.0.1:3478' });
    const turn = w.iceServers[1]!;
    expect(turn.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);
    expect(turn.username).toMatch(new RegExp(`^\\d+:${a.id}$`));
    expect(Number(turn.username!.split(':')[0])).toBeGreaterThan(Date.now() / 1000);
    expect(turn.credential).toMatch(/^[A-Za-z0-9+/]+=*$/);
    await leave(a);
  });

  it('J5 R1 R5: in a space with a host passcode, its holders are hosts, a wrong one is refused, and they may enter when locked', async () => {
    const guest = await member(server.endpoint, { space: 'boardroom', name: 'Guest' });
    expect(guest.room.state.meeting.passcode).toBe(true);
    expect(avatar(guest, guest)!.host).toBe(false);
    const wrong = (await new Client(server.endpoint)
      .joinOrCreate(ROOM_NAME, joinOptions({ space: 'boardroom', name: 'X', color: '#000000', passcode: 'guess' }))
      .catch((e: unknown) => e)) as MatchMakeError;
    expect(wrong.code).toBe(CloseCode.BAD_PASSCODE);
    const chair = await member(server.endpoint, { space: 'boardroom', name: 'Chair', passcode: 'open-sesame' });
    expect(avatar(chair, chair)!.host).toBe(true);
    chair.room.send('meeting.lock', { locked: true });
    await waitFor('locked', () => guest.room.state.meeting.locked);
    const second = await member(server.endpoint, { space: 'boardroom', name: 'Second chair', passcode: 'open-sesame' });
    expect(avatar(second, second)!.host).toBe(true);
    // A guest may claim the role in the meeting; three wrong tries, then the rate limit.
    guest.room.send('meeting.claim_host', { passcode: 'nope' });
    await guest.refused('meeting.bad_passcode');
    guest.room.send('meeting.claim_host', { passcode: 'open-sesame' });
    await waitFor('guest is host', () => avatar(chair, guest)?.host);
    await leave(guest, chair, second);
  });
});
