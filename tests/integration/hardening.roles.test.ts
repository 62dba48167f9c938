/**
 * Who may change what others made or watch (SPEC B4, G5): board strokes are erased by their author
 * or a host; in a locked space only operators take hold of machine parts. A real server in this
 * process with the simulator and a locked layout.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardErased, StrokePiece } from '../../shared/protocol/board.js';
import { join } from '../support/clients.js';
import { member, type Member } from '../support/inbox.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { serverStateOf } from '../support/server.js';
import { waitFor } from '../support/wait.js';

const OPERATOR_CODE = 'op-code-roles';
let server: LoggedServer;
let assets: TwinAssets;

beforeAll(async () => {
  assets = makeTwinAssets('unused', {
    plant: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }], locked: true, operatorPasscode: OPERATOR_CODE },
  });
  server = await startLoggedServer({ ASSETS_DIR: assets.dir, SIMULATOR: 'on' });
});
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

const stroke = (key: number, points: number[]) => ({ key, color: '#1e88e5', width: 8, points, end: true });
const leave = (...ms: { room: { leave(): Promise<unknown> } }[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));

describe('board strokes belong to their author', () => {
  it('B4: a participant erases their own strokes only (board.not_author, nothing erased); the host erases anyone’s', async () => {
    const host: Member = await member(server.endpoint, { space: 'roles-board', name: 'Hana' });
    const b = await member(server.endpoint, { space: 'roles-board', name: 'Bo' });
    const c = await member(server.endpoint, { space: 'roles-board', name: 'Cy' });
    expect(host.room.state.avatars.get(host.id)?.host).toBe(true);
    b.room.send('board.stroke', stroke(1, [1, 1, 2, 2]));
    const sb = await host.next<StrokePiece>('board.stroke');
    c.room.send('board.stroke', stroke(1, [5, 5, 6, 6]));
    const sc = await host.next<StrokePiece>('board.stroke', 2);

    b.room.send('board.erase', { ids: [sc.id] });
    const refused = await b.refused('board.not_author');
    expect(refused.ref).toBe('board.erase');
    b.room.send('board.erase', { ids: [sb.id, sc.id] }); // refused whole: not even its own goes
    await b.roundTrip();
    // Order proves nothing was erased so far: the first erase anyone hears is the next one.
    b.room.send('board.erase', { ids: [sb.id] });
    expect(await host.next<BoardErased>('board.erase')).toEqual({ ids: [sb.id], by: b.id });
    host.room.send('board.erase', { ids: [sc.id] });
    expect(await c.next<BoardErased>('board.erase', 2)).toEqual({ ids: [sc.id], by: host.id });
    await leave(host, b, c);
  });
});

describe('machine parts of a locked space', () => {
  it('G5: a viewer (even the host) may not grab or move a part: twin.not_operator, nothing changes; an operator may', async () => {
    const viewer = await join(server.endpoint, { space: 'plant', name: 'Vic' });
    const op = await join(server.endpoint, { space: 'plant', name: 'Otto', passcode: OPERATOR_CODE });
    const me = viewer.room.state.avatars.get(viewer.room.sessionId)!;
    expect([me.host, me.operator]).toEqual([true, false]);
    const part = () => serverStateOf(viewer.room.roomId).twins.get('cnc-1')!.parts.get('cover')!;
    const rest = { x: part().px, y: part().py, z: part().pz };

    viewer.room.send('twin.grab', { twin: 'cnc-1', part: 'cover' });
    viewer.room.send('twin.move', { twin: 'cnc-1', part: 'cover', p: [rest.x + 0.2, rest.y, rest.z], q: [0, 0, 0, 1] });
    await viewer.roundTrip();
    expect(viewer.errors.filter((e) => e.code === 'twin.not_operator').map((e) => e.ref)).toEqual(['twin.grab', 'twin.move']);
    expect([part().holder, part().px]).toEqual(['', rest.x]);

    op.room.send('twin.grab', { twin: 'cnc-1', part: 'cover' });
    op.room.send('twin.move', { twin: 'cnc-1', part: 'cover', p: [rest.x + 0.2, rest.y, rest.z], q: [0, 0, 0, 1] });
    await op.roundTrip();
    expect(op.errors).toEqual([]);
    expect(part().holder).toBe(op.room.sessionId);
    await waitFor(
      'the viewer sees it move',
      () => Math.abs((viewer.room.state.twins.get('cnc-1')?.parts.get('cover')?.px ?? 0) - (rest.x + 0.2)) < 1e-4,
    );
    await leave(viewer, op);
  });
});
