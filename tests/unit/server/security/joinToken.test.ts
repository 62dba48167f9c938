/**
 * The join-token verifier on its own (SPEC JT2): time is the subject, so the verifier's clock is
 * injected and tokens are signed for fixed instants.
 */
import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { CloseCode } from '../../../../shared/protocol/version.js';
import { CLOCK_SKEW_SECONDS, createTokenVerifier } from '../../../../server/security/joinToken.js';

const SECRET = 'a-join-secret-of-at-least-32-characters';
const T0 = new Date('2026-12-01T12:00:00Z');
const at = (s: number) => Math.floor(T0.getTime() / 1000) + s;

function sign(claims: Record<string, unknown>, o: { exp?: number | null; nbf?: number; secret?: string } = {}): Promise<string> {
  const jwt = new SignJWT({ space: 'line-1', name: 'Ada', ...claims }).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(at(0));
  if (o.exp !== null) jwt.setExpirationTime(o.exp ?? at(600));
  if (o.nbf !== undefined) jwt.setNotBefore(o.nbf);
  return jwt.sign(new TextEncoder().encode(o.secret ?? SECRET));
}

const verifier = async (now = T0) => (await createTokenVerifier({ secret: SECRET, publicKey: undefined, maxSeconds: 3600 }, () => now))!;

describe('join tokens', () => {
  it('JT2: a token within its life is accepted, with its name and roles; clock skew is tolerated up to 30 s either way', async () => {
    const v = await verifier();
    expect(await v(await sign({ roles: ['host', 'operator', 'host'] }), 'line-1')).toEqual({
      ok: true,
      grant: { name: 'Ada', roles: ['host', 'operator'], ticket: { jti: undefined, iat: at(0) } },
    });
    expect((await v(await sign({}, { exp: at(-(CLOCK_SKEW_SECONDS - 5)) }), 'line-1')).ok).toBe(true);
    expect((await v(await sign({}, { nbf: at(CLOCK_SKEW_SECONDS - 5) }), 'line-1')).ok).toBe(true);
  });

  it('JT2: expired past the skew → 4435; not yet valid, no exp, or more than the longest life ahead → 4434', async () => {
    const v = await verifier();
    expect(await v(await sign({}, { exp: at(-(CLOCK_SKEW_SECONDS + 5)) }), 'line-1')).toMatchObject({
      ok: false,
      code: CloseCode.TOKEN_EXPIRED,
    });
    expect(await v(await sign({}, { nbf: at(CLOCK_SKEW_SECONDS + 5) }), 'line-1')).toMatchObject({
      ok: false,
      code: CloseCode.TOKEN_INVALID,
    });
    expect(await v(await sign({}, { exp: null }), 'line-1')).toMatchObject({
      ok: false,
      code: CloseCode.TOKEN_INVALID,
      detail: '(exp: missing)',
    });
    expect(await v(await sign({}, { exp: at(3600 + CLOCK_SKEW_SECONDS + 5) }), 'line-1')).toMatchObject({
      ok: false,
      code: CloseCode.TOKEN_INVALID,
      detail: '(exp: more than 3600 s ahead)',
    });
  });

  it('JT2: another secret, no signature (alg none), garbage, bad claims → 4434; another space → 4436', async () => {
    const v = await verifier();
    const invalid = { ok: false, code: CloseCode.TOKEN_INVALID };
    expect(await v(await sign({}, { secret: 'another-secret-of-at-least-32-characters' }), 'line-1')).toMatchObject(invalid);
    const unsigned = new UnsecuredJWT({ space: 'line-1', name: 'Ada' }).setExpirationTime(at(600)).encode();
    expect(await v(unsigned, 'line-1')).toMatchObject(invalid);
    expect(await v('not.a.token', 'line-1')).toMatchObject(invalid);
    expect(await v(await sign({ name: 'x'.repeat(40) }), 'line-1')).toMatchObject(invalid);
    expect(await v(await sign({ name: undefined }), 'line-1')).toMatchObject(invalid);
    expect(await v(await sign({ roles: ['admin'] }), 'line-1')).toMatchObject(invalid);
    expect(await v(await sign({ roles: 'host' }), 'line-1')).toMatchObject(invalid);
    expect(await v(await sign({ space: undefined }), 'line-1')).toMatchObject(invalid);
    expect(await v(await sign({}), 'line-2')).toMatchObject({ ok: false, code: CloseCode.TOKEN_WRONG_SPACE });
  });

  it('JT1: without a secret or a public key there is no verifier (passcodes only)', async () => {
    expect(await createTokenVerifier({ secret: undefined, publicKey: undefined, maxSeconds: 3600 })).toBeNull();
  });
});
