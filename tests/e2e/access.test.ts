/**
 * Signed join tokens in a real page (SPEC JT6): the invitation in the link's fragment reaches the
 * server in the join options, so the person gets the token's name and roles; a page without one is
 * told in words why it cannot join.
 */
import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { useE2E } from '../support/e2eSuite.js';
import { serverAvatar } from '../support/server.js';
import { CloseCode, describeCloseCode } from '../../shared/protocol/version.js';

const SECRET = 'e2e-join-secret-0123456789abcdefghij';
const e2e = useE2E({}, { JOIN_SECRET: SECRET });

describe('invitation links', () => {
  it('JT6: a page opened with #token=… joins under the token’s name with its host role; without a token it is told why', async () => {
    const token = await new SignJWT({ space: 'e2e-invite', name: 'Invited Ada', roles: ['host'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(SECRET));
    const a = await e2e.join(`?space=e2e-invite&name=Someone#token=${token}`, { width: 640, height: 400 });
    const id = await a.page.evaluate(() => window.twinverse!.selfId()!);
    const me = await serverAvatar(id);
    expect([me?.name, me?.host]).toEqual(['Invited Ada', true]);

    const b = await e2e.open(`${e2e.server.url}/?space=e2e-invite&name=Gatecrasher`, { width: 640, height: 400 });
    await b.page.locator('#failure-reason').waitFor({ timeout: 30_000 });
    expect(await b.page.locator('#failure-reason').textContent()).toBe(describeCloseCode(CloseCode.TOKEN_REQUIRED));
  });
});
