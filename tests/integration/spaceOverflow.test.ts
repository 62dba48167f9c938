/**
 * A space whose layout allows overflow (SPEC J6): when it is full, the server seats the next join in
 * the space's next instance — a room of its own, `line (2)`, with its own people and the same
 * machines — and refuses only when every instance is full. The instance is the server's choice: a
 * client naming one is refused. Two joins racing for the last seat are both seated.
 * `GET /api/spaces/:space/instances` tells where people are (SPEC SP2).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, ROOM_NAME } from '../../shared/protocol/version.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { join, type TestClient } from '../support/clients.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { uniqueName } from '../support/services.js';
import { waitFor, waitForAsync } from '../support/wait.js';

let server: TestServer;
let assets: TwinAssets;

beforeAll(async () => {
  assets = makeTwinAssets(uniqueName('tvoverflow'), {
    line: { twins: [{ twin: 'agv-1', position: [0, 0, 0] }], overflow: { instances: 2 } },
    race: { twins: [], overflow: { instances: 2 } },
    fixed: { twins: [] },
    count: { twins: [], overflow: { instances: 3 } },
  });
  server = await startTestServer({ assetsDir: assets.dir, patchRateMs: 50, maxPerSpace: 2, reconnectSeconds: 0 }, { SIMULATOR: 'off' });
});
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

const refusal = (options: Record<string, unknown>) =>
  new Client(server.endpoint).joinOrCreate(ROOM_NAME, options).then(
    () => null,
    (e: unknown) => e as { code?: number; message?: string },
  );

const people = (c: TestClient) => [...c.room.state.avatars.values()].map((a) => a.name).sort();

describe('a space that overflows', () => {
  it('J6: the third person in a full space of two is seated in “line (2)”, its own room with the same machines; a fifth is refused 4405', async () => {
    const a = await join(server.endpoint, { space: 'line', name: 'A' });
    const b = await join(server.endpoint, { space: 'line', name: 'B' });
    expect(a.room.state.space.instance).toBe(1);
    expect(a.room.state.space.instanceName).toBe('');
    const c = await join(server.endpoint, { space: 'line', name: 'C' });
    expect(c.room.roomId).not.toBe(a.room.roomId);
    expect(c.room.state.space.name).toBe('line');
    expect(c.room.state.space.instance).toBe(2);
    expect(c.room.state.space.instanceName).toBe('line (2)');
    // Its own people; the same machines.
    expect(people(c)).toEqual(['C']);
    expect([...c.room.state.twins.keys()]).toEqual([...a.room.state.twins.keys()]);
    expect([...c.room.state.twins.keys()]).toEqual(['agv-1']);
    const d = await join(server.endpoint, { space: 'line', name: 'D' });
    expect(d.room.roomId).toBe(c.room.roomId);
    const refused = await refusal(joinOptions({ space: 'line', name: 'E', color: '#123456' }));
    expect(refused).toMatchObject({ code: CloseCode.SPACE_FULL });
    expect(refused?.message).toMatch(/This space is full\. \(all 2 instances\)/);
    await a.roundTrip();
    await c.roundTrip();
    expect(people(a)).toEqual(['A', 'B']);
    expect(people(c)).toEqual(['C', 'D']);
    // A freed seat in the space itself is the next join's: the lowest instance with room comes first.
    await b.room.leave();
    await waitFor('B gone at A', () => !a.room.state.avatars.has(b.room.sessionId));
    const f = await join(server.endpoint, { space: 'line', name: 'F' });
    expect(f.room.roomId).toBe(a.room.roomId);
    for (const x of [a, c, d, f]) await x.room.leave();
  });

  it('J6 J1: a client cannot pick the instance (4403); a space without overflow still refuses its third person with 4405', async () => {
    const named = await refusal({ ...joinOptions({ space: 'line', name: 'G', color: '#123456' }), instance: 2 });
    expect(named).toMatchObject({ code: CloseCode.BAD_JOIN_OPTIONS });
    const a = await join(server.endpoint, { space: 'fixed', name: 'A' });
    const b = await join(server.endpoint, { space: 'fixed', name: 'B' });
    const refused = await refusal(joinOptions({ space: 'fixed', name: 'C', color: '#123456' }));
    expect(refused).toMatchObject({ code: CloseCode.SPACE_FULL });
    expect(refused?.message).toMatch(/This space is full\. \(2 people\)/);
    for (const x of [a, b]) await x.room.leave();
  });

  it('J6: two joins racing for the last seat of the space are both seated, one in each instance', async () => {
    const a = await join(server.endpoint, { space: 'race', name: 'A' });
    const [x, y] = await Promise.all([
      join(server.endpoint, { space: 'race', name: 'X' }),
      join(server.endpoint, { space: 'race', name: 'Y' }),
    ]);
    expect([x.room.state.space.instance, y.room.state.space.instance].sort()).toEqual([1, 2]);
    const first = x.room.state.space.instance === 1 ? x : y;
    expect(first.room.roomId).toBe(a.room.roomId);
    for (const c of [a, x, y]) await c.room.leave();
  });

  it('SP2: GET /api/spaces/:space/instances reports each instance the layout allows, with its people, cap and whether it is open or full', async () => {
    type Body = {
      space: string;
      instances: { instance: number; name: string; people: number; cap: number; open: boolean; full: boolean }[];
    };
    const instances = async (space: string): Promise<Body> => {
      const res = await fetch(`http://127.0.0.1:${server.port}/api/spaces/${space}/instances`);
      expect(res.status).toBe(200);
      return (await res.json()) as Body;
    };
    const closed = (instance: number, name: string) => ({ instance, name, people: 0, cap: 2, open: false, full: false });
    expect(await instances('count')).toEqual({
      space: 'count',
      instances: [closed(1, ''), closed(2, 'count (2)'), closed(3, 'count (3)')],
    });

    const a = await join(server.endpoint, { space: 'count', name: 'A' });
    const b = await join(server.endpoint, { space: 'count', name: 'B' });
    const c = await join(server.endpoint, { space: 'count', name: 'C' });
    expect(c.room.state.space.instance).toBe(2);
    expect((await instances('count')).instances).toEqual([
      { instance: 1, name: '', people: 2, cap: 2, open: true, full: true },
      { instance: 2, name: 'count (2)', people: 1, cap: 2, open: true, full: false },
      closed(3, 'count (3)'),
    ]);
    // A space without overflow has the one instance, itself.
    const f = await join(server.endpoint, { space: 'fixed', name: 'F' });
    expect(await instances('fixed')).toEqual({
      space: 'fixed',
      instances: [{ instance: 1, name: '', people: 1, cap: 2, open: true, full: false }],
    });

    // A seat given up is free again in the listing the next join is seated by.
    await b.room.leave();
    await waitForAsync('B’s seat free in the listing', async () => (await instances('count')).instances[0]!.people === 1);
    expect((await instances('count')).instances[0]).toEqual({ instance: 1, name: '', people: 1, cap: 2, open: true, full: false });

    const bad = await fetch(`http://127.0.0.1:${server.port}/api/spaces/${encodeURIComponent('No Such!')}/instances`);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('invalid_space');
    for (const x of [a, c, f]) await x.room.leave();
  });
});
