/**
 * How people look, decided by the server (SPEC AV1, AV2): styles carried in the state and validated
 * at the edge, colours that differ from everyone present.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, type MatchMakeError } from 'colyseus.js';
import { deltaE, NEAR_IDENTICAL_DELTA_E } from '../../shared/avatar/colors.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, PROTOCOL_VERSION, ROOM_NAME } from '../../shared/protocol/version.js';
import type { AvatarState } from '../../shared/state/avatar.js';
import type { SpaceState } from '../../shared/state/space.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { join, listen, type TestClient } from '../support/clients.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 20 });
});
afterAll(async () => {
  await server?.close();
});

function avatarOf(observer: TestClient, subject: TestClient): AvatarState | undefined {
  return observer.room.state.avatars.get(subject.room.sessionId);
}

/** Joins with options as given: no colour filled in for us (the support helper always sends one). */
async function joinRaw(options: Record<string, unknown>): Promise<TestClient> {
  const client = new Client(server.endpoint);
  const room = await client.joinOrCreate<SpaceState>(ROOM_NAME, { protocol: PROTOCOL_VERSION, ...options });
  const c = listen(room, client);
  await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
  return c;
}

const leave = (...cs: TestClient[]) => Promise.all(cs.map((c) => c.room.leave().catch(() => undefined)));

describe('avatar colours', () => {
  it('AV2: two people joining with the same colour get clearly different ones; the first keeps theirs', async () => {
    const a = await join(server.endpoint, { space: 'av-same', name: 'Ada', color: '#7b61ff' });
    const b = await join(server.endpoint, { space: 'av-same', name: 'Bo', color: '#7b61ff' });
    const seenA = await waitFor('B to see A', () => avatarOf(b, a));
    const seenB = avatarOf(b, b)!;
    expect(seenA.color).toBe('#7b61ff');
    expect(deltaE(seenA.color, seenB.color)).toBeGreaterThan(2 * NEAR_IDENTICAL_DELTA_E);
    // Both see the same colours.
    await waitFor('A to see B', () => avatarOf(a, b)?.color === seenB.color);
    await leave(a, b);
  });

  it('AV2: people who choose no colour get distinct ones from the palette', async () => {
    const people: TestClient[] = [];
    for (let i = 0; i < 4; i++) people.push(await joinRaw({ space: 'av-auto', name: `P${i}` }));
    const last = people[people.length - 1]!;
    const colors = people.map((p) => last.room.state.avatars.get(p.room.sessionId)?.color);
    expect(colors.every((c) => typeof c === 'string' && /^#[0-9a-f]{6}$/.test(c))).toBe(true);
    for (let i = 0; i < colors.length; i++)
      for (let j = i + 1; j < colors.length; j++) expect(deltaE(colors[i]!, colors[j]!)).toBeGreaterThan(2 * NEAR_IDENTICAL_DELTA_E);
    await leave(...people);
  });

  it('AV2: a profile colour near-identical to someone present is replaced by a distinct one; a distinct one is kept', async () => {
    const a = await join(server.endpoint, { space: 'av-profile', color: '#e4572e' });
    const b = await join(server.endpoint, { space: 'av-profile', color: '#2e86de' });
    // A must hold B's avatar before the change is judged: an absent one would read as "changed".
    await waitFor('A to see B in blue', () => avatarOf(a, b)?.color === '#2e86de');
    b.room.send('profile', { color: '#e5582f' });
    const changed = await waitFor('B to change colour', () => {
      const color = avatarOf(a, b)?.color;
      return color !== undefined && color !== '#2e86de' ? color : undefined;
    });
    expect(deltaE(changed, '#e4572e')).toBeGreaterThan(2 * NEAR_IDENTICAL_DELTA_E);
    b.room.send('profile', { color: '#17bebb' });
    await waitFor('B in teal', () => avatarOf(a, b)?.color === '#17bebb');
    await leave(a, b);
  });

  it('AV6: a profile with a colour is answered to its sender alone with profile.color { asked, color }, replaced or kept', async () => {
    const a = await join(server.endpoint, { space: 'av-answer', color: '#e4572e' });
    const b = await join(server.endpoint, { space: 'av-answer', color: '#2e86de' });
    const toA: unknown[] = [];
    const toB: { asked: string; color: string }[] = [];
    a.room.onMessage('profile.color', (m: unknown) => toA.push(m));
    b.room.onMessage('profile.color', (m: { asked: string; color: string }) => toB.push(m));
    await waitFor('B to know A', () => avatarOf(b, a)?.color === '#e4572e');
    b.room.send('profile', { color: '#e5582f' });
    b.room.send('profile', { color: '#17bebb' });
    b.room.send('profile', { name: 'Bo' });
    await b.roundTrip();
    await a.roundTrip();
    expect(toB).toHaveLength(2);
    expect(toB[0]!.asked).toBe('#e5582f');
    expect(deltaE(toB[0]!.color, '#e4572e')).toBeGreaterThan(2 * NEAR_IDENTICAL_DELTA_E);
    expect(toB[1]).toEqual({ asked: '#17bebb', color: '#17bebb' });
    expect(toA).toEqual([]);
    await leave(a, b);
  });
});

describe('avatar styles', () => {
  it('AV1: the style asked for is in everyone’s state; without one the server picks the least worn', async () => {
    const a = await join(server.endpoint, { space: 'av-style', style: 'block' });
    const b = await joinRaw({ space: 'av-style', name: 'Bo' });
    expect(avatarOf(b, a)?.style).toBe('block');
    expect(avatarOf(b, b)?.style).toBe('visor');
    const c = await joinRaw({ space: 'av-style', name: 'Cy' });
    expect(avatarOf(c, c)?.style).toBe('round');
    // Changeable later through profile.
    a.room.send('profile', { style: 'cone' });
    await waitFor('B to see the cone', () => avatarOf(b, a)?.style === 'cone');
    await leave(a, b, c);
  });

  it('AV1: an unknown style is refused by name — at the join (4403) and in a profile (message.invalid), changing nothing', async () => {
    const client = new Client(server.endpoint);
    const err = (await client
      .joinOrCreate(ROOM_NAME, joinOptions({ space: 'av-bad', name: 'Eve', style: 'dragon' as 'visor' }))
      .catch((e: unknown) => e)) as MatchMakeError;
    expect(err.code).toBe(CloseCode.BAD_JOIN_OPTIONS);
    expect(err.message).toMatch(/style/);
    const a = await join(server.endpoint, { space: 'av-bad', style: 'slim' });
    const b = await join(server.endpoint, { space: 'av-bad' });
    a.room.send('profile', { style: 'dragon' });
    const refusal = await waitFor('refusal', () => a.errors.find((e) => e.code === 'message.invalid'));
    expect(refusal.ref).toBe('profile');
    expect(refusal.message).toMatch(/style/);
    await a.roundTrip();
    await b.roundTrip();
    expect(avatarOf(b, a)?.style).toBe('slim');
    expect(a.room.connection.isOpen).toBe(true);
    await leave(a, b);
  });
});
