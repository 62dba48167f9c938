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
import { join } from '../support/clients.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { DATABASE_URL, requireService, uniqueName } from '../support/services.js';
import { dropSchema } from '../support/stores.js';

const SECRET = 'test-join-secret-0123456789abcdefghij';
const ADMIN = 'test-admin-token-0123456789abcdefghijkl';
const schema = uniqueName('tvrevoke').toLowerCase();
const servers: LoggedServer[] = [];

afterAll(async () => {
  for (const s of servers) await s.close();
  await dropSchema(schema);
});

async function start(): Promise<LoggedServer> {
  await requireService('postgres');
  const s = await startLoggedServer({ JOIN_SECRET: SECRET, ADMIN_TOKEN: ADMIN, DATABASE_URL, DATABASE_SCHEMA: schema });
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
