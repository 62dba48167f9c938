/**
 * Signed join tokens (SPEC JT1–JT5) against a real server in this process: HS256 with JOIN_SECRET and
 * EdDSA with JOIN_PUBLIC_KEY, refusals by name with one log line each, and the roles a token grants.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { SignJWT } from 'jose';
import type { MatchMakeError } from 'colyseus.js';
import { CloseCode } from '../../shared/protocol/version.js';
import { join, type TestClient } from '../support/clients.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { waitFor } from '../support/wait.js';

const SECRET = 'test-join-secret-0123456789abcdefghij';
const ADMIN = 'test-admin-token-0123456789abcdefghijkl';
const ed = generateKeyPairSync('ed25519');
const PUBLIC_PEM = ed.publicKey.export({ type: 'spki', format: 'pem' }).toString();

let server: LoggedServer;
let assets: TwinAssets;

beforeAll(async () => {
  assets = makeTwinAssets('unused', { plant: { twins: [], locked: true, operatorPasscode: 'op-code-1' } });
  server = await startLoggedServer({
    ASSETS_DIR: assets.dir,
    JOIN_SECRET: SECRET,
    // As an environment variable usually carries it: one line, `\n` for the line breaks.
    JOIN_PUBLIC_KEY: PUBLIC_PEM.trim().replace(/\n/g, '\\n'),
    HOST_PASSCODES: JSON.stringify({ vault: 'vault-code' }),
    ADMIN_TOKEN: ADMIN,
  });
});
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

type Claims = { space?: string; name?: string; roles?: unknown };

function hs256(claims: Claims, expiresIn: string | number = '10m', secret = SECRET): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(new TextEncoder().encode(secret));
}

const refusal = (p: Promise<unknown>): Promise<MatchMakeError> =>
  p.then(
    () => ({ code: 0, message: 'joined' }) as MatchMakeError,
    (e: unknown) => e as MatchMakeError,
  );
const leave = (...cs: TestClient[]) => Promise.all(cs.map((c) => c.room.leave().catch(() => undefined)));
const refusedLines = (code: number) => server.lines.filter((l) => l.includes('"join refused"') && l.includes(`"code":${code}`));

describe('signed join tokens', () => {
  it('SP2: where joining takes a token, who is in a space is told only to the operators (ADMIN_TOKEN): 403 occupancy_private, 401 for a wrong token', async () => {
    const instances = (authorization?: string) =>
      fetch(`http://127.0.0.1:${server.port}/api/spaces/vault/instances`, authorization ? { headers: { authorization } } : {});
    const anyone = await instances();
    expect(anyone.status).toBe(403);
    expect(((await anyone.json()) as { error: string }).error).toBe('occupancy_private');
    const wrong = await instances('Bearer not-the-admin-token');
    expect(wrong.status).toBe(401);
    expect(((await wrong.json()) as { error: string }).error).toBe('unauthorized');
    const operator = await instances(`Bearer ${ADMIN}`);
    expect(operator.status).toBe(200);
    expect(await operator.json()).toEqual({
      space: 'vault',
      instances: [{ instance: 1, name: '', people: 0, cap: 500, open: false, full: false }],
    });
  });

  it('JT1: with JOIN_SECRET set, joining without a token is refused (4433), even with the right passcode', async () => {
    const before = refusedLines(CloseCode.TOKEN_REQUIRED).length;
    expect((await refusal(join(server.endpoint, { space: 'vault' }))).code).toBe(CloseCode.TOKEN_REQUIRED);
    const r = await refusal(join(server.endpoint, { space: 'vault', passcode: 'vault-code' }));
    expect(r.code).toBe(CloseCode.TOKEN_REQUIRED);
    expect(r.message).toMatch(/invitation link/);
    expect(refusedLines(CloseCode.TOKEN_REQUIRED).length).toBe(before + 2);
  });

  it('JT2: a token signed with another secret, expired, for another space, or living too long is refused by name; one log line each, no stack, no token text', async () => {
    const forged = await hs256({ space: 'hall', name: 'Eve' }, '10m', 'another-secret-0123456789abcdefghijkl');
    const expired = await hs256({ space: 'hall', name: 'Eve' }, Math.floor(Date.now() / 1000) - 600);
    const elsewhere = await hs256({ space: 'other', name: 'Eve' });
    const forever = await hs256({ space: 'hall', name: 'Eve' }, '30d');
    const mark = server.lines.length;
    expect((await refusal(join(server.endpoint, { space: 'hall', token: forged }))).code).toBe(CloseCode.TOKEN_INVALID);
    expect((await refusal(join(server.endpoint, { space: 'hall', token: expired }))).code).toBe(CloseCode.TOKEN_EXPIRED);
    expect((await refusal(join(server.endpoint, { space: 'hall', token: elsewhere }))).code).toBe(CloseCode.TOKEN_WRONG_SPACE);
    const long = await refusal(join(server.endpoint, { space: 'hall', token: forever }));
    expect(long.code).toBe(CloseCode.TOKEN_INVALID);
    expect(long.message).toMatch(/exp: more than 3600 s ahead/);
    const lines = server.lines.slice(mark).filter((l) => l.includes('"join refused"'));
    expect(lines).toHaveLength(4);
    for (const l of lines) {
      expect(l).not.toMatch(/"stack"/);
      for (const t of [forged, expired, elsewhere, forever]) expect(l).not.toContain(t);
    }
  });

  it('JT3: a valid token admits; the name comes from the token, not the join form', async () => {
    const a = await join(server.endpoint, { space: 'hall', name: 'Anyone', token: await hs256({ space: 'hall', name: 'Ada Lovelace' }) });
    expect(a.room.state.avatars.get(a.room.sessionId)?.name).toBe('Ada Lovelace');
    await leave(a);
  });

  it('JT4: the host role makes a host without a passcode and lets them into a space the host locked; without it, no role', async () => {
    const host = await join(server.endpoint, { space: 'vault', token: await hs256({ space: 'vault', name: 'Hana', roles: ['host'] }) });
    expect(host.room.state.avatars.get(host.room.sessionId)?.host).toBe(true);
    const guest = await join(server.endpoint, { space: 'vault', token: await hs256({ space: 'vault', name: 'Gus' }) });
    expect(guest.room.state.avatars.get(guest.room.sessionId)?.host).toBe(false);
    host.room.send('meeting.lock', { locked: true });
    await waitFor('locked', () => guest.room.state.meeting.locked);
    const late = await refusal(join(server.endpoint, { space: 'vault', token: await hs256({ space: 'vault', name: 'Lee' }) }));
    expect(late.code).toBe(CloseCode.SPACE_LOCKED);
    const cohost = await join(server.endpoint, { space: 'vault', token: await hs256({ space: 'vault', name: 'Cora', roles: ['host'] }) });
    expect(cohost.room.state.avatars.get(cohost.room.sessionId)?.host).toBe(true);
    await leave(host, guest, cohost);
  });

  it('JT4: the operator role makes an operator of a locked layout without its passcode; without it, a viewer', async () => {
    const op = await join(server.endpoint, { space: 'plant', token: await hs256({ space: 'plant', name: 'Otto', roles: ['operator'] }) });
    const viewer = await join(server.endpoint, { space: 'plant', token: await hs256({ space: 'plant', name: 'Vic' }) });
    expect(op.room.state.avatars.get(op.room.sessionId)?.operator).toBe(true);
    expect(viewer.room.state.avatars.get(viewer.room.sessionId)?.operator).toBe(false);
    await leave(op, viewer);
  });

  it('JT2: EdDSA tokens verify with JOIN_PUBLIC_KEY; an EdDSA token from another key is refused (4434)', async () => {
    const edToken = (key: typeof ed.privateKey) =>
      new SignJWT({ space: 'hall', name: 'Edna' }).setProtectedHeader({ alg: 'EdDSA' }).setExpirationTime('5m').sign(key);
    const a = await join(server.endpoint, { space: 'hall', token: await edToken(ed.privateKey) });
    expect(a.room.state.avatars.get(a.room.sessionId)?.name).toBe('Edna');
    const other = generateKeyPairSync('ed25519');
    expect((await refusal(join(server.endpoint, { space: 'hall', token: await edToken(other.privateKey) }))).code).toBe(
      CloseCode.TOKEN_INVALID,
    );
    await leave(a);
  });

  it('JT5: a server without token keys refuses a join that carries a token (4434), so a missing configuration is noticed', async () => {
    // The same small assets as the token server, only without token keys: the full factory (its
    // building and camera feeds) would cost this one refusal seconds of start-up.
    const plain = await startLoggedServer({ ASSETS_DIR: assets.dir });
    try {
      const r = await refusal(join(plain.endpoint, { space: 'hall', token: await hs256({ space: 'hall', name: 'Ada' }) }));
      expect(r.code).toBe(CloseCode.TOKEN_INVALID);
      expect(r.message).toMatch(/does not take join tokens/);
    } finally {
      await plain.close();
    }
    // A second server of its own: closing it waits for its embedded store to finish opening (~8 s of
    // WebAssembly start-up on a quiet machine, far more with both cores busy).
  }, 90_000);
});
