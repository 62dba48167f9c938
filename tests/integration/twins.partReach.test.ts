/**
 * A dragged part stays where someone can take it again, and can be put back (SPEC G6, G7): a real
 * server in this process with the simulator, an open layout and a locked one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwinPartState } from '../../shared/state/twin.js';
import { join, type TestClient } from '../support/clients.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { serverStateOf } from '../support/server.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { waitFor } from '../support/wait.js';

const OPERATOR_CODE = 'op-code-reach';
let server: LoggedServer;
let assets: TwinAssets;

beforeAll(async () => {
  assets = makeTwinAssets('unused', {
    hall: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }] },
    yard: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }] },
    plant: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }], locked: true, operatorPasscode: OPERATOR_CODE },
  });
  server = await startLoggedServer({ ASSETS_DIR: assets.dir, SIMULATOR: 'on' });
});
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

const leave = (...ms: { room: { leave(): Promise<unknown> } }[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));
const coverOf = (roomId: string) => serverStateOf(roomId).twins.get('cnc-1')!.parts.get('cover')!;
const poseOf = (roomId: string) => {
  const c = coverOf(roomId);
  return [c.px, c.py, c.pz, c.qx, c.qy, c.qz, c.qw];
};

// Waits on what the client sees (patches) rather than round trips: the server reports unknown message
// types, which round trips use, once a second per client.
const seen = (c: TestClient, roomId: string, label: string, ok: (cover: TwinPartState) => boolean) =>
  waitFor(label, () => {
    const part = c.room.state.twins.get('cnc-1')?.parts.get('cover');
    return part && ok(part) ? poseOf(roomId) : undefined;
  });
const near = (a: number, b: number) => Math.abs(a - b) < 1e-4;
const errorOf = (c: TestClient, code: string) => waitFor(code, () => c.errors.find((e) => e.code === code));

describe('parts are kept within reach', () => {
  it('G6: a cover pushed into the machine base is put on the table top instead; above reach height is lowered to it', async () => {
    const a = await join(server.endpoint, { space: 'hall', name: 'Ada' });
    const id = a.room.roomId;
    // The CNC stands at z = −3: its base spans x ±1.2, y 0–0.9, z −3.9…−2.1; the table on it y 0.9–1.02.
    a.room.send('twin.grab', { twin: 'cnc-1', part: 'cover' });
    a.room.send('twin.move', { twin: 'cnc-1', part: 'cover', p: [0.3, 0.8, -2.6], q: [0, 0, 0, 1] });
    const [x, y, z] = await seen(a, id, 'moved', (c) => near(c.px, 0.3));
    expect(y).toBeCloseTo(1.021, 5); // out of the base's top is into the table: on through its top
    expect([x, z]).toEqual([expect.closeTo(0.3, 5), expect.closeTo(-2.6, 5)]);

    // Within reach (1.2 m of its rest at y 1.45) but above a standing hand: lowered to 2.2 m.
    a.room.send('twin.move', { twin: 'cnc-1', part: 'cover', p: [0.5, 2.5, -2.1], q: [0, 0, 0, 1] });
    const high = await seen(a, id, 'moved overhead', (c) => near(c.px, 0.5));
    expect(high.slice(0, 3)).toEqual([0.5, expect.closeTo(2.2, 5), expect.closeTo(-2.1, 5)]);
    a.room.send('twin.release', { twin: 'cnc-1', part: 'cover' });
    await seen(a, id, 'released', (c) => c.holder === '');
    expect(a.errors).toEqual([]);
    await leave(a);
  });
});

describe('returning a part', () => {
  it('G7: twin.return_part puts a moved part back at its rest pose; a held one is refused (twin.part_held)', async () => {
    const a = await join(server.endpoint, { space: 'yard', name: 'Ada' });
    const b = await join(server.endpoint, { space: 'yard', name: 'Bo' });
    const id = a.room.roomId;
    const rest = poseOf(id);
    const s = Math.sin(0.3);
    a.room.send('twin.grab', { twin: 'cnc-1', part: 'cover' });
    a.room.send('twin.move', { twin: 'cnc-1', part: 'cover', p: [0.8, 1.2, -1.6], q: [0, s, 0, Math.cos(0.3)] });
    await seen(b, id, 'B sees A holding it moved', (c) => c.holder === a.room.sessionId && near(c.px, 0.8));
    b.room.send('twin.return_part', { twin: 'cnc-1', part: 'cover' });
    expect((await errorOf(b, 'twin.part_held')).message).toMatch(/Ada/);
    expect(poseOf(id)[0]).toBeCloseTo(0.8, 5);

    a.room.send('twin.release', { twin: 'cnc-1', part: 'cover' });
    await seen(b, id, 'B sees it let go', (c) => c.holder === '');
    b.room.send('twin.return_part', { twin: 'cnc-1', part: 'cover' });
    expect(await seen(a, id, 'A sees it back', (c) => near(c.px, rest[0]!) && near(c.qy, rest[4]!))).toEqual(rest);
    b.room.send('twin.return_part', { twin: 'cnc-1', part: 'spindle' });
    await errorOf(b, 'twin.unknown_part');
    expect(b.errors.filter((e) => e.ref === 'twin.return_part').map((e) => e.code)).toEqual(['twin.part_held', 'twin.unknown_part']);
    await leave(a, b);
  });

  it('G7 G5: in a locked space a viewer may not return a part (twin.not_operator, nothing moves); an operator may', async () => {
    const op = await join(server.endpoint, { space: 'plant', name: 'Otto', passcode: OPERATOR_CODE });
    const viewer = await join(server.endpoint, { space: 'plant', name: 'Vic' });
    const id = op.room.roomId;
    const rest = poseOf(id);
    op.room.send('twin.grab', { twin: 'cnc-1', part: 'cover' });
    op.room.send('twin.move', { twin: 'cnc-1', part: 'cover', p: [0.8, 1.2, -1.6], q: [0, 0, 0, 1] });
    op.room.send('twin.release', { twin: 'cnc-1', part: 'cover' });
    const moved = await seen(viewer, id, 'moved and let go', (c) => c.holder === '' && near(c.px, 0.8));
    viewer.room.send('twin.return_part', { twin: 'cnc-1', part: 'cover' });
    expect((await errorOf(viewer, 'twin.not_operator')).ref).toBe('twin.return_part');
    expect(poseOf(id)).toEqual(moved); // the refusal is sent after the handler ran: nothing moved
    op.room.send('twin.return_part', { twin: 'cnc-1', part: 'cover' });
    expect(await seen(viewer, id, 'back at rest', (c) => near(c.px, rest[0]!))).toEqual(rest);
    expect(op.errors).toEqual([]);
    await leave(op, viewer);
  });
});
