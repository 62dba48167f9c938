/**
 * A Node client joining a space whose building is still being read (SPEC BM2, issue 15): the
 * matchmaking request is not held open until the read ends (Node's default agent drops a socket idle
 * for 5 s), it is answered within the bound with the named, retryable refusal 4439; the page's own
 * retry (client/net/joinRetry.ts) seats the client once the building is in. The building is a named
 * pipe the test fills only after the refusal: the read cannot have finished before (ordering, no timing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { Client, type Room } from 'colyseus.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, ROOM_NAME } from '../../shared/protocol/version.js';
import type { SpaceState } from '../../shared/state/space.js';
import { joinWithRetry } from '../../client/net/joinRetry.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { uniqueName } from '../support/services.js';
import { syntheticIfc } from '../support/syntheticIfc.js';

let server: TestServer;
let assets: TwinAssets;
let pipe: string;

beforeAll(async () => {
  assets = makeTwinAssets(uniqueName('tvbimwait'), {});
  fs.mkdirSync(path.join(assets.dir, 'buildings'));
  pipe = path.join(assets.dir, 'buildings/slow.ifc');
  execFileSync('mkfifo', [pipe]);
  fs.writeFileSync(
    path.join(assets.dir, 'spaces/slow.json'),
    JSON.stringify({
      version: 1,
      title: 'Slow',
      building: 'buildings/slow.ifc',
      hall: { width: 10, depth: 10, height: 5 },
      spawn: { x: 0, z: 4, yaw: 0 },
      twins: [],
    }),
  );
  // A short bound keeps the test quick; the default (2.5 s) is as far under Node's 5 s.
  server = await startTestServer({ assetsDir: assets.dir, buildingWaitMs: 200 }, { SIMULATOR: 'off' }, { buildings: 'background' });
});
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

describe('joining while the building is read', () => {
  it('BM2: a Node client is told 4439 “still being prepared” within the bound, retries, and is seated once the building is read', async () => {
    const options = joinOptions({ space: 'slow', name: 'Bot', color: '#3366ff' });
    const client = new Client(server.endpoint);
    const refused = await client.joinOrCreate(ROOM_NAME, options).then(
      () => null,
      (e: unknown) => e as { code?: number; message?: string },
    );
    expect(refused).toMatchObject({ code: CloseCode.SPACE_PREPARING });
    expect(refused?.message).toMatch(/still being prepared/);
    // Nothing was opened for it meanwhile, and the read is still under way.
    expect(server.buildings.loading()).toEqual(['buildings/slow.ifc']);

    const refusals: number[] = [];
    const seated = joinWithRetry(
      () =>
        client.joinOrCreate<SpaceState>(ROOM_NAME, options).catch((e: unknown) => {
          refusals.push((e as { code: number }).code);
          throw e;
        }),
      { sleep: () => new Promise((r) => setImmediate(r)) },
    );
    await fs.promises.writeFile(pipe, syntheticIfc(0.2));
    const room: Room<SpaceState> = await seated;
    room.onMessage('*', () => undefined);
    await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
    expect(room.state.space.building).toBe('slow');
    // Every try before the building was in was the same named refusal.
    expect(refusals.every((c) => c === CloseCode.SPACE_PREPARING)).toBe(true);
    await room.leave();
  }, 120_000);
});
