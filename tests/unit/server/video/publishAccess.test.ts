/**
 * Who may publish a camera (SPEC CP3), decided on its own: layouts in memory, the in-memory passcode
 * limiter, join tokens signed here. The HTTP statuses around it are the integration test's part.
 */
import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { check } from '../../../../shared/protocol/validation.js';
import { SpaceLayout } from '../../../../shared/space/layout.js';
import { createLogger } from '../../../../server/log.js';
import { SpaceLayouts } from '../../../../server/spaces/layouts.js';
import { createPasscodeLimiter } from '../../../../server/security/passcodeLimiter.js';
import { createTokenVerifier } from '../../../../server/security/joinToken.js';
import { publishAccess } from '../../../../server/video/publishAccess.js';

const SECRET = 'a-join-secret-of-at-least-32-characters';
const ADDRESS = '10.0.0.9';

function layout(twins: string[], operatorPasscode?: string): SpaceLayout {
  const r = check(SpaceLayout, {
    version: 1,
    title: 't',
    hall: { width: 20, depth: 20, height: 6 },
    spawn: { x: 0, z: 0, yaw: 0 },
    twins: twins.map((twin) => ({ twin, position: [0, 0, 0] })),
    ...(operatorPasscode ? { locked: true, operatorPasscode } : {}),
  });
  if (!r.ok) throw new Error(r.problems);
  return r.value;
}

const layouts = new SpaceLayouts(
  new Map([
    ['line-1', layout(['cam-3', 'cnc-1'], 'op-line-1')],
    ['line-2', layout(['cnc-1'], 'op-line-2')],
    ['open', layout(['cam-9'])],
  ]),
  [],
);

const sign = (claims: Record<string, unknown>, secret = SECRET) =>
  new SignJWT({ name: 'Ada', ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(secret));

async function access(withTokens: boolean) {
  const tokens = withTokens ? await createTokenVerifier({ secret: SECRET, publicKey: undefined, maxSeconds: 3600 }) : null;
  // No slow-down here: a wrong passcode's delay is the limiter's own test (HD3).
  const passcodes = createPasscodeLimiter({ perAddress: 3, perSpace: 30, windowSeconds: 60, delayStepMs: 0 });
  return publishAccess({ layouts, tokens, passcodes, log: createLogger('silent') });
}

describe('camera publish access', () => {
  it("CP3: the operator passcode of a layout that places the camera admits; another space's passcode, a wrong one or none does not", async () => {
    const may = await access(false);
    expect(await may('cam-3', { passcode: 'op-line-1' }, ADDRESS)).toEqual({ ok: true, by: 'passcode' });
    expect(await may('cam-3', {}, ADDRESS)).toMatchObject({ ok: false, status: 401, error: 'credential_required' });
    expect(await may('cam-3', { passcode: 'op-line-2' }, ADDRESS)).toMatchObject({ ok: false, status: 403, error: 'not_operator' });
    expect(await may('cam-3', { passcode: 'guess' }, ADDRESS)).toMatchObject({ ok: false, status: 403, error: 'not_operator' });
  });

  it('CP3: a camera only open spaces place takes no publisher at all without join tokens', async () => {
    const may = await access(false);
    expect(await may('cam-9', { passcode: 'anything' }, ADDRESS)).toMatchObject({ ok: false, status: 403, error: 'publish_disabled' });
  });

  it('CP3: wrong passcodes count against the guessing limit; past it even the right one waits', async () => {
    const may = await access(false);
    for (let i = 0; i < 3; i++) expect((await may('cam-3', { passcode: `wrong-${i}` }, ADDRESS)).ok).toBe(false);
    expect(await may('cam-3', { passcode: 'op-line-1' }, ADDRESS)).toMatchObject({ ok: false, status: 429, error: 'too_many_attempts' });
    expect(await may('cam-3', { passcode: 'op-line-1' }, '10.0.0.10')).toEqual({ ok: true, by: 'passcode' });
  });

  it('CP3: a join token with the operator role for a space that shows the camera admits; without the role, for another space, or forged it does not', async () => {
    const may = await access(true);
    expect(await may('cam-3', { token: await sign({ space: 'line-1', roles: ['operator'] }) }, ADDRESS)).toEqual({ ok: true, by: 'token' });
    expect(await may('cam-3', { token: await sign({ space: 'line-1', roles: ['host'] }) }, ADDRESS)).toMatchObject({
      status: 403,
      error: 'not_operator',
      message: 'The token has no operator role',
    });
    expect(await may('cam-3', { token: await sign({ space: 'line-2', roles: ['operator'] }) }, ADDRESS)).toMatchObject({
      status: 403,
      error: 'not_operator',
    });
    // Signed with another key. (Changing the signature's last character is no forgery: its low two bits
    // are base64url padding, so 'A' and 'B' there decode to the same bytes and the token still verifies.)
    const forged = await sign({ space: 'line-1', roles: ['operator'] }, 'another-secret-of-at-least-32-characters');
    expect(await may('cam-3', { token: forged }, ADDRESS)).toMatchObject({ status: 403, error: 'not_operator' });
    expect(await may('cam-3', { token: 'not a token' }, ADDRESS)).toMatchObject({ status: 403, error: 'not_operator' });
    // With tokens configured, a camera in open spaces only is published by token holders.
    expect(await may('cam-9', { token: await sign({ space: 'open', roles: ['operator'] }) }, ADDRESS)).toEqual({ ok: true, by: 'token' });
  });
});
