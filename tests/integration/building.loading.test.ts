/**
 * A building is read off the server's event loop (SPEC BM2): while a large synthetic IFC is still
 * being read, /health answers and names it loading, and a room of another space opens and answers a
 * round trip; a join to the building's own space is held until the building is read, and its room
 * then opens sized to the building. The file is a named pipe the test fills only after those answers:
 * the read is under way, and cannot have finished, while they come (ordering, no timing).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { matchMaker, type Room } from '@colyseus/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinOptions } from '../../shared/protocol/messages.js';
import { ROOM_NAME } from '../../shared/protocol/version.js';
import type { SpaceState } from '../../shared/state/space.js';
import { join } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { uniqueName } from '../support/services.js';
import { syntheticIfc } from '../support/syntheticIfc.js';

let server: TestServer;
let assets: TwinAssets;
let pipe: string;

beforeAll(async () => {
  assets = makeTwinAssets(uniqueName('tvbimload'), {});
  fs.mkdirSync(path.join(assets.dir, 'buildings'));
  pipe = path.join(assets.dir, 'buildings/big.ifc');
  execFileSync('mkfifo', [pipe]);
  fs.writeFileSync(
    path.join(assets.dir, 'spaces/big.json'),
    JSON.stringify({
      version: 1,
      title: 'Big',
      building: 'buildings/big.ifc',
      hall: { width: 10, depth: 10, height: 5 },
      spawn: { x: 0, z: 4, yaw: 0 },
      twins: [],
    }),
  );
  // The join below is held for as long as the read takes (in-process, no HTTP socket to time out):
  // the bounded wait and its retryable refusal are building.joinWait.test.ts's.
  server = await startTestServer({ assetsDir: assets.dir, buildingWaitMs: 600_000 }, { SIMULATOR: 'off' }, { buildings: 'background' });
});
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

interface Health {
  buildings: { loading: string[] };
}
const health = async () => (await (await fetch(`${server.url}/health`)).json()) as Health;

describe('a building read in a worker thread', () => {
  it('BM2: while a large IFC is read, /health and another space answer; the building’s space opens once it is read', async () => {
    const events: string[] = [];
    // In-process matchmaking: the held join is not cut by an HTTP client's idle timeout.
    const held = matchMaker
      .joinOrCreate(ROOM_NAME, joinOptions({ space: 'big', name: 'Early', color: '#3366ff' }), {
        token: '',
        headers: {},
        ip: '127.0.0.1',
      })
      .then((seat) => (events.push('big seat'), seat));

    expect((await health()).buildings.loading).toEqual(['buildings/big.ifc']);
    const other = await join(server.endpoint, { space: 'elsewhere' });
    await other.roundTrip();
    expect(other.room.state.space.building).toBe('');
    expect((await health()).buildings.loading).toEqual(['buildings/big.ifc']);
    events.push('answered while loading');

    // Now the file comes: about 3 MB, thousands of walls (under the default limits).
    const bytes = syntheticIfc(3);
    await fs.promises.writeFile(pipe, bytes);
    await server.buildings.ready('big');
    events.push('building read');
    const seat = await held;
    expect(events).toEqual(['answered while loading', 'building read', 'big seat']);
    expect((await health()).buildings.loading).toEqual([]);
    const room = matchMaker.getLocalRoomById(seat.room.roomId) as Room<SpaceState>;
    expect(room.state.space.building).toBe('big');
    // The synthetic grid is 200 walls × 1.5 m wide: the hall spans it, not the layout's 10 m.
    expect(room.state.space.width).toBeGreaterThan(100);
    const index = (await (await fetch(`${server.url}/assets/buildings/big.json`)).json()) as { elements: unknown[] };
    expect(index.elements.length).toBeGreaterThan(1000);
    await other.room.leave();
  }, 300_000);
});
