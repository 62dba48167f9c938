/**
 * The revocation rules (SPEC JT7, JT8) on the test's clock: which tokens a revocation names, for how
 * long it matters, and what a join gets while the store cannot answer. The store here is a list in
 * memory behind the same interface (the integration test, tokens.revoke.test.ts, runs PostgreSQL).
 */
import { describe, expect, it } from 'vitest';
import type { Revocation } from '../../../../server/store/revocationsTable.js';
import { CLOCK_SKEW_SECONDS } from '../../../../server/security/joinToken.js';
import { TokenRevocations, type RevocationStore } from '../../../../server/security/revocations.js';

const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const MAX_S = 3600;

function memoryStore() {
  const rows: Revocation[] = [];
  const s = {
    state: 'ready',
    kind: 'postgres',
    rows,
    addRevocation: (r: Revocation) => void rows.push(r),
    revocations: (now: number) =>
      s.state === 'ready' ? Promise.resolve(rows.filter((r) => r.until > now)) : Promise.reject(new Error('store away')),
  };
  return s satisfies RevocationStore;
}

describe('token revocations', () => {
  it('JT7: a jti revocation refuses that token only; a space revocation refuses tokens issued until then, not later ones', async () => {
    let now = T0;
    const r = new TokenRevocations(memoryStore(), MAX_S, () => now);
    const iat = T0 / 1000 - 60;
    expect(await r.check({ jti: 'a', space: 's', iat })).toEqual({ revoked: false });
    r.revoke({ jti: 'a' }, 'ops');
    expect(await r.check({ jti: 'a', space: 's', iat })).toMatchObject({ revoked: true });
    expect(await r.check({ jti: 'b', space: 's', iat })).toEqual({ revoked: false });
    now += 10_000;
    r.revoke({ space: 's' }, 'ops');
    expect(await r.check({ jti: 'b', space: 's', iat })).toMatchObject({ revoked: true });
    expect(await r.check({ jti: undefined, space: 's', iat: undefined })).toMatchObject({ revoked: true });
    expect(await r.check({ jti: 'b', space: 'other', iat })).toEqual({ revoked: false });
    expect(await r.check({ jti: 'c', space: 's', iat: now / 1000 + 1 })).toEqual({ revoked: false });
  });

  it('JT7: a revocation lapses once no token it names can still be unexpired (JOIN_TOKEN_MAX_SECONDS + skew)', async () => {
    let now = T0;
    const store = memoryStore();
    const r = new TokenRevocations(store, MAX_S, () => now);
    const done = r.revoke({ jti: 'a' }, 'ops');
    expect(done.until).toBe(T0 + (MAX_S + CLOCK_SKEW_SECONDS) * 1000);
    now = done.until - 1;
    expect(await r.check({ jti: 'a', space: 's', iat: undefined })).toMatchObject({ revoked: true });
    now = done.until;
    expect(await r.check({ jti: 'a', space: 's', iat: undefined })).toEqual({ revoked: false });
  });

  it('JT7: another process revoking through the shared store is seen at the next check', async () => {
    const store = memoryStore();
    const here = new TokenRevocations(store, MAX_S, () => T0);
    const there = new TokenRevocations(store, MAX_S, () => T0);
    expect(await here.check({ jti: 'a', space: 's', iat: undefined })).toEqual({ revoked: false });
    there.revoke({ jti: 'a' }, 'ops');
    expect(await here.check({ jti: 'a', space: 's', iat: undefined })).toMatchObject({ revoked: true });
  });

  it('JT8: with the store away the last list read stands; before any list was read a token join is unchecked', async () => {
    const store = memoryStore();
    const fresh = new TokenRevocations(store, MAX_S, () => T0);
    const seasoned = new TokenRevocations(store, MAX_S, () => T0);
    store.addRevocation({ kind: 'jti', jti: 'a', at: T0, until: T0 + 60_000, by: 'ops' });
    expect(await seasoned.check({ jti: 'a', space: 's', iat: undefined })).toMatchObject({ revoked: true });
    store.state = 'degraded';
    expect(await seasoned.check({ jti: 'a', space: 's', iat: undefined })).toMatchObject({ revoked: true });
    expect(await seasoned.check({ jti: 'b', space: 's', iat: undefined })).toEqual({ revoked: false });
    expect(await fresh.check({ jti: 'b', space: 's', iat: undefined })).toEqual({ unchecked: true });
    // A store in memory is this process's alone: nothing was revoked before it, so nothing is unchecked.
    const memory = new TokenRevocations({ ...store, kind: 'pglite (memory)' }, MAX_S, () => T0);
    expect(await memory.check({ jti: 'b', space: 's', iat: undefined })).toEqual({ revoked: false });
  });

  it('JT9: listeners hear of a revocation made here at once and of one from another process at the next read; no listener, no read', async () => {
    let now = T0;
    const store = memoryStore();
    const r = new TokenRevocations(store, MAX_S, () => now);
    const iat = T0 / 1000 - 60;
    let heard = 0;
    let reads = 0;
    const read = store.revocations;
    store.revocations = (t: number) => (reads++, read(t));
    await r.refresh();
    expect(reads).toBe(0);
    const off = r.onChange(() => heard++);
    r.revoke({ jti: 'here' }, 'ops');
    expect(heard).toBe(1);
    expect(r.revokedNow({ jti: 'here', space: 's', iat })).toMatch(/revoked/);
    // Another process revokes a whole space: a row in the shared store, seen at the next read.
    store.rows.push({ kind: 'space', space: 's', before: now, at: now, until: now + MAX_S * 1000, by: 'ops' });
    expect(r.revokedNow({ jti: 'other', space: 's', iat })).toBeNull();
    await r.refresh();
    expect(heard).toBe(2);
    expect(r.revokedNow({ jti: 'other', space: 's', iat })).toMatch(/every token of this space/);
    // The store away: no read, the list known stands.
    store.state = 'degraded';
    await r.refresh();
    expect(heard).toBe(2);
    expect(r.revokedNow({ jti: 'other', space: 's', iat })).toMatch(/every token/);
    off();
    store.state = 'ready';
    now += 1000;
    await r.refresh();
    expect(heard).toBe(2);
  });
});
