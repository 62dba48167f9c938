/**
 * Overflow instances (SPEC J6) when two real server processes share the real Redis: joins that reach
 * a full space through both processes at once are seated in the next instance, which opens once —
 * one room, whichever process opens it — and no seat is lost or given twice. Joins retry as the page
 * does (client/net/joinRetry.ts: the retryable 4430 of two rooms opening one instance, HD1).
 * The Redis database is this file's own: Colyseus lists its processes and rooms there without a
 * prefix, and another file's processes (with other layouts) must never be chosen to open these rooms.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { Client } from 'colyseus.js';
import { RedisPresence } from '@colyseus/redis-presence';
import { claimSpace } from '../../server/security/spaceClaim.js';
import { instanceName } from '../../shared/space/instances.js';
import { joinWithRetry } from '../../client/net/joinRetry.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, ROOM_NAME } from '../../shared/protocol/version.js';
import { freePort, startChild, type ChildServer } from '../support/childServer.js';
import { join, type TestClient } from '../support/clients.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { uniqueName, requireRedis } from '../support/services.js';
import { waitFor } from '../support/wait.js';

const REDIS_URL = process.env.TEST_OVERFLOW_REDIS_URL ?? 'redis://127.0.0.1:6379/12';
const CAP = 2;
/** Spaces per race (the tests run rounds 0, 1, 2, each in its own): a race lost one way in one round may go the other way in the next. */
const ROUNDS = 3;
/** One deployment: both processes share their Redis keys. */
const PREFIX = `${uniqueName('tvoverflow')}:`;
let assets: TwinAssets;
let servers: ChildServer[] = [];

async function start(): Promise<ChildServer> {
  const port = await freePort();
  return startChild(
    {
      REDIS_URL,
      REDIS_PREFIX: PREFIX,
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      DATA_DIR: 'memory',
      ASSETS_DIR: assets.dir,
      TWINS_DIR: path.join(assets.dir, 'twins'),
      MAX_PER_SPACE: String(CAP),
      RECONNECT_SECONDS: '0',
      SIMULATOR: 'off',
    },
    port,
  );
}

beforeAll(async () => {
  await requireRedis(REDIS_URL);
  // Processes and rooms a killed earlier run left listed would be chosen to open rooms: gone first.
  const redis = new Redis(REDIS_URL);
  await redis.flushdb();
  redis.disconnect();
  assets = makeTwinAssets(uniqueName('tvoverflow'), {
    busy: { twins: [], overflow: { instances: 2 } },
    ...Object.fromEntries(
      Array.from({ length: ROUNDS }, (_, i) => [
        [`seat-${i}`, { twins: [], overflow: { instances: 2 } }],
        [`full-${i}`, { twins: [], overflow: { instances: 2 } }],
      ]).flat(),
    ),
  });
  servers = await Promise.all([start(), start()]);
}, 600_000);

afterAll(async () => {
  // A clean stop takes each process off Colyseus' lists in Redis.
  for (const s of servers) s.child.kill('SIGTERM');
  await Promise.all(servers.map((s) => s.exited));
  assets?.remove();
});

/** A join through `server`, retried as the page retries. */
const seat = (server: ChildServer, space: string, name: string): Promise<TestClient> =>
  joinWithRetry(() => join(server.endpoint, { space, name }));

const people = (c: TestClient) => [...c.room.state.avatars.values()].map((a) => a.name).sort();

describe('overflow across two processes', () => {
  it.each([0, 1, 2])(
    'J6 HD1: the last seat of a space asked for through both processes at once: both seated, one in each instance (round %i)',
    async (round) => {
      const space = `seat-${round}`;
      const a = await seat(servers[0]!, space, 'A');
      const [x, y] = await Promise.all([seat(servers[0]!, space, 'X'), seat(servers[1]!, space, 'Y')]);
      expect([x.room.state.space.instance, y.room.state.space.instance].sort()).toEqual([1, 2]);
      const first = x.room.state.space.instance === 1 ? x : y;
      const second = first === x ? y : x;
      expect(first.room.roomId).toBe(a.room.roomId);
      await waitFor('A and the first in instance 1', () => people(a).length === 2);
      await second.roundTrip();
      expect(people(second)).toEqual([second === x ? 'X' : 'Y']);
      for (const c of [a, x, y]) await c.room.leave();
    },
  );

  it.each([0, 1, 2])(
    'J6 HD1: a full space asked for through both processes at once opens its next instance once; both are seated in it, the next is refused 4405 (round %i)',
    async (round) => {
      const space = `full-${round}`;
      const a = await seat(servers[0]!, space, 'A2');
      const b = await seat(servers[1]!, space, 'B2');
      expect([a.room.state.space.instance, b.room.state.space.instance]).toEqual([1, 1]);
      const [x, y] = await Promise.all([seat(servers[0]!, space, 'X2'), seat(servers[1]!, space, 'Y2')]);
      expect([x.room.state.space.instance, y.room.state.space.instance]).toEqual([2, 2]);
      expect(y.room.roomId).toBe(x.room.roomId);
      await waitFor('X2 and Y2 together', () => people(x).join() === 'X2,Y2' && people(y).join() === 'X2,Y2');
      await a.roundTrip();
      expect(people(a)).toEqual(['A2', 'B2']);
      // Every seat is taken, once: the next join, through either process, is refused by name.
      for (const s of servers) {
        const refused = await new Client(s.endpoint).joinOrCreate(ROOM_NAME, joinOptions({ space, name: 'Z', color: '#123456' })).then(
          () => null,
          (e: unknown) => e as { code?: number },
        );
        expect(refused).toMatchObject({ code: CloseCode.SPACE_FULL });
      }
      for (const c of [a, b, x, y]) await c.room.leave();
    },
  );

  it('HD1 J6: a next instance being opened elsewhere right now is the retryable 4430 through either process — also when its room was asked of the other — and the page is then seated', async () => {
    const space = 'busy';
    const a = await seat(servers[0]!, space, 'A3');
    const b = await seat(servers[1]!, space, 'B3');
    // A room opening instance 2 right now (held here, as a third process would hold it).
    const presence = new RedisPresence(REDIS_URL);
    const held = await claimSpace(presence, instanceName(space, 2));
    expect(held).not.toBeNull();
    try {
      // Both processes choose where the next room opens by the same room counts: at least one of these
      // two joins has it opened on the other process, and its refusal crosses between them.
      for (const s of servers) {
        const refused = await new Client(s.endpoint).joinOrCreate(ROOM_NAME, joinOptions({ space, name: 'W', color: '#123456' })).then(
          () => null,
          (e: unknown) => e as { code?: number },
        );
        expect(refused).toMatchObject({ code: CloseCode.SPACE_BUSY });
      }
    } finally {
      await held!.release();
      presence.shutdown();
    }
    const w = await seat(servers[0]!, space, 'W');
    expect(w.room.state.space.instance).toBe(2);
    for (const c of [a, b, w]) await c.room.leave();
  });
});
