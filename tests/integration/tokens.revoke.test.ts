/**
 * Revoking join tokens before they expire (SPEC JT7, JT8) against a real server on PostgreSQL: an
 * operator revokes one token by its `jti`, or every token of a space issued until now, over
 * `POST /api/tokens/revoke` behind ADMIN_TOKEN; a revoked token is refused with 4437 and one log line;
 * the revocation is a row in the store, so a server started again on the same database (as after a
 * restart, or another process sharing it) refuses the token too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import type { MatchMakeError } from 'colyseus.js';
import { CloseCode } from '../../shared/protocol/version.js';
import type { ChatLine } from '../../shared/protocol/chat.js';
import { join, type TestClient } from '../support/clients.js';
import { killAll, startChild } from '../support/childServer.js';
import { waitFor } from '../support/wait.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { dropSchema } from '../support/stores.js';

const SECRET = 'test-join-secret-0123456789abcdefghij';
const ADMIN = 'test-admin-token-0123456789abcdefghijkl';
const schema = uniqueName('tvrevoke').toLowerCase();
const servers: LoggedServer[] = [];

afterAll(async () => {
  killAll();
  for (const s of servers) await s.close();
  await dropSchema(schema);
});

async function start(env: Record<string, string> = {}): Promise<LoggedServer> {
  await requireService('postgres');
  const s = await startLoggedServer({ JOIN_SECRET: SECRET, ADMIN_TOKEN: ADMIN, DATABASE_URL, DATABASE_SCHEMA: schema, ...env });
  servers.push(s);
  await s.store.opened();
  return s;
}

function token(space: string, jti: string, iatSeconds = Math.floor(Date.now() / 1000)): Promise<string> {
  return new SignJWT({ space, name: 'Ada' })
    .setProtectedHeader({ alg: 'HS256' })
    .setJti(jti)
    .setIssuedAt(iatSeconds)
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(SECRET));
}

const outcome = (p: Promise<{ room: { leave(): Promise<unknown> } }>): Promise<number> =>
  p.then(
    async (c) => {
      await c.room.leave().catch(() => undefined);
      return 0;
    },
    (e: unknown) => (e as MatchMakeError).code,
  );

const revoke = (s: LoggedServer, body: unknown, auth = `Bearer ${ADMIN}`) =>
  fetch(`${s.url.replace('localhost', '127.0.0.1')}/api/tokens/revoke`, {
    method: 'POST',
    headers: { authorization: auth, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('revoking join tokens', () => {
  it('JT7 JT8: a token revoked by jti, or with its whole space, is refused with 4437 — also by a server started again on the same database', async () => {
    const a = await start();
    const t1 = await token('room-a', 'jti-1');
    const t2 = await token('room-a', 'jti-2');
    const older = await token('room-b', 'jti-3', Math.floor(Date.now() / 1000) - 5);
    expect(await outcome(join(a.endpoint, { space: 'room-a', token: t1 }))).toBe(0);

    // Without the admin token, or with a body naming neither or both: refused, nothing revoked.
    expect((await revoke(a, { jti: 'jti-1' }, 'Bearer wrong')).status).toBe(401);
    expect((await revoke(a, { jti: 'jti-1', space: 'room-a' })).status).toBe(400);
    expect(await outcome(join(a.endpoint, { space: 'room-a', token: t1 }))).toBe(0);

    const one = await revoke(a, { jti: 'jti-1' });
    expect(one.status).toBe(200);
    expect(await outcome(join(a.endpoint, { space: 'room-a', token: t1 }))).toBe(CloseCode.TOKEN_REVOKED);
    expect(await outcome(join(a.endpoint, { space: 'room-a', token: t2 }))).toBe(0);
    expect(a.lines.filter((l) => l.includes('"join refused"') && l.includes(`"code":${CloseCode.TOKEN_REVOKED}`))).toHaveLength(1);

    expect((await revoke(a, { space: 'room-b' })).status).toBe(200);
    expect(await outcome(join(a.endpoint, { space: 'room-b', token: older }))).toBe(CloseCode.TOKEN_REVOKED);
    // A token signed after the revocation (a later second) is let in.
    const newer = await token('room-b', 'jti-4', Math.floor(Date.now() / 1000) + 2);
    expect(await outcome(join(a.endpoint, { space: 'room-b', token: newer }))).toBe(0);

    await a.store.drained();
    await a.close();
    const b = await start();
    expect(await outcome(join(b.endpoint, { space: 'room-a', token: t1 }))).toBe(CloseCode.TOKEN_REVOKED);
    expect(await outcome(join(b.endpoint, { space: 'room-b', token: older }))).toBe(CloseCode.TOKEN_REVOKED);
    expect(await outcome(join(b.endpoint, { space: 'room-a', token: t2 }))).toBe(0);
  }, 120_000);
});

/** How `c`'s connection ended, once it has: its close code and words. */
function leaving(c: TestClient): { code?: number; reason?: string } {
  const left: { code?: number; reason?: string } = {};
  c.room.onLeave((code, reason) => Object.assign(left, { code, reason }));
  return left;
}

describe('revoking join tokens of people inside', () => {
  it('JT9 C4: people inside who joined with a revoked token are closed with 4437 and its words, a held seat is given up, the others stay', async () => {
    const a = await start({ RECONNECT_SECONDS: '60' });
    const one = await join(a.endpoint, { space: 'inside', token: await token('inside', 'in-1') });
    const two = await join(a.endpoint, { space: 'inside', token: await token('inside', 'in-2') });
    const held = await join(a.endpoint, { space: 'inside', token: await token('inside', 'in-3') });
    const [leftOne, leftTwo, leftHeld] = [leaving(one), leaving(two), leaving(held)];
    const lines: ChatLine[] = [];
    two.room.onMessage('chat.line', (l: ChatLine) => lines.push(l));
    await waitFor('everyone sees three avatars', () => two.room.state.avatars.size === 3);

    expect((await revoke(a, { jti: 'in-1' })).status).toBe(200);
    await waitFor('the revoked one closed', () => leftOne.code !== undefined);
    expect(leftOne).toEqual({
      code: CloseCode.TOKEN_REVOKED,
      reason: expect.stringMatching(/invitation in this link was withdrawn/) as unknown,
    });
    await waitFor('the others see the avatar go', () => two.room.state.avatars.size === 2);
    // C4: the chat says why they went.
    await waitFor('the leave line', () => lines.find((l) => l.kind === 'leave' && l.text === 'left: their invitation was withdrawn'));
    expect(leftTwo.code).toBeUndefined();

    // A dropped connection's held seat goes too: its reconnection token brings nobody back.
    const heldToken = held.room.reconnectionToken;
    (held.room.connection as unknown as { close(code?: number): void }).close(4999);
    await waitFor('the seat held', () => two.room.state.avatars.get(held.room.sessionId)?.connected === false);
    expect((await revoke(a, { jti: 'in-3' })).status).toBe(200);
    await waitFor('the held seat given up', () => !two.room.state.avatars.has(held.room.sessionId));
    await expect(held.client.reconnect(heldToken)).rejects.toThrow();
    expect(leftHeld.code).toBe(4999);

    // The whole space: the last one goes.
    expect((await revoke(a, { space: 'inside' })).status).toBe(200);
    await waitFor('the last one closed', () => leftTwo.code !== undefined);
    expect(leftTwo.code).toBe(CloseCode.TOKEN_REVOKED);
    const removed = a.lines.filter((l) => l.includes('"token revoked: participant removed"'));
    expect(removed).toHaveLength(3);
    expect(removed.some((l) => l.includes('"stack"'))).toBe(false);
  }, 120_000);

  it('JT9: a revocation made on one process closes people inside on another process sharing the database (its list is read again every 2 s)', async () => {
    const a = await start();
    // Another process: its own Colyseus, the same PostgreSQL schema.
    const b = await startChild({ JOIN_SECRET: SECRET, DATABASE_URL, DATABASE_SCHEMA: schema, SIMULATOR: 'off' });
    const inB = await join(b.endpoint, { space: 'far', token: await token('far', 'far-1') });
    const stays = await join(b.endpoint, { space: 'far', token: await token('far', 'far-2') });
    const [left, leftStays] = [leaving(inB), leaving(stays)];
    expect((await revoke(a, { jti: 'far-1' })).status).toBe(200);
    await waitFor('the person on the other process closed', () => left.code !== undefined, 15_000);
    expect(left.code).toBe(CloseCode.TOKEN_REVOKED);
    await waitFor('the other person sees them go', () => stays.room.state.avatars.size === 1);
    expect(leftStays.code).toBeUndefined();
    await stays.room.leave();
  }, 600_000);
});
