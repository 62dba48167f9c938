/**
 * The guards that must hold across processes, on the real Redis: a space claimed through one
 * process's presence cannot be claimed through another's, and wrong passcodes counted by one
 * process count in the other. Two presences/clients stand for two server processes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisPresence } from '@colyseus/redis-presence';
import { Redis } from 'ioredis';
import { claimSpace } from '../../server/security/spaceClaim.js';
import { createPasscodeLimiter } from '../../server/security/passcodeLimiter.js';
import { uniqueName, requireRedis } from '../support/services.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/3';
let a: RedisPresence;
let b: RedisPresence;

beforeAll(async () => {
  await requireRedis(REDIS_URL);
  a = new RedisPresence(REDIS_URL);
  b = new RedisPresence(REDIS_URL);
});
afterAll(() => {
  a?.shutdown();
  b?.shutdown();
});

describe('across processes', () => {
  it('HD1: a space claimed in one process cannot be claimed in another until released', async () => {
    const space = uniqueName('space');
    const first = await claimSpace(a, space);
    expect(first).not.toBeNull();
    const [x, y] = await Promise.all([claimSpace(b, space), claimSpace(a, space)]);
    expect([x, y]).toEqual([null, null]);
    await first!.release();
    const second = await claimSpace(b, space);
    expect(second).not.toBeNull();
    await second!.release();
  });

  it('HD3: wrong passcodes counted by one process block the address in the other', async () => {
    const limits = { perAddress: 3, perSpace: 100, windowSeconds: 60, delayStepMs: 1 };
    const one = createPasscodeLimiter(limits, new Redis(REDIS_URL));
    const two = createPasscodeLimiter(limits, new Redis(REDIS_URL));
    const address = uniqueName('addr');
    const space = uniqueName('space');
    await one.failed(address, space);
    await two.failed(address, space);
    expect(await one.blockedFor(address, space)).toBe(0);
    await one.failed(address, space);
    expect(await two.blockedFor(address, space)).toBeGreaterThan(0);
    expect(await two.blockedFor(`${address}-other`, space)).toBe(0);
    one.close();
    two.close();
  });
});
