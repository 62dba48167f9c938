/**
 * A restart loses nothing people made (SPEC RS1–RS5): the real server as a child process, stopped with
 * SIGTERM, then killed with SIGKILL, each time started again on the same data folder / database —
 * the chat, the board (erasures and clears too), the lock of a space with a host passcode, the host
 * seat behind that passcode, and each twin's last values (stale until fresh data) are back; on SIGTERM
 * every session closes with 4503. Against PGlite and the real PostgreSQL.
 */
import { afterAll, describe, expect } from 'vitest';
import type { BoardSnapshot, StrokePiece } from '../../shared/protocol/board.js';
import type { ChatHistoryMessage, ChatLine } from '../../shared/protocol/chat.js';
import { CloseCode } from '../../shared/protocol/version.js';
import { health, killAll, settledWrites, startChild, type ChildServer } from '../support/childServer.js';
import { member, type Member } from '../support/inbox.js';
import { forEachStore } from '../support/stores.js';
import { waitFor, waitForAsync } from '../support/wait.js';

const TOKEN = 'restart-test-token-0123456789';
const PASSCODE = 'open-sesame';
const SPACE = 'factory';

afterAll(killAll);

const env = (store: Record<string, string>) => ({
  ...store,
  SIMULATOR: 'off',
  HISTORY: 'off',
  INGEST_TOKEN: TOKEN,
  HOST_PASSCODES: JSON.stringify({ [SPACE]: PASSCODE }),
});

async function push(base: string, values: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base}/api/twins/pump-1/properties`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ values }),
  });
  expect(res.status).toBe(200);
}

/** Pushes twin values and waits until the last-value snapshot has saved them. */
async function pushSaved(base: string, values: Record<string, unknown>): Promise<void> {
  const before = (await health(base))?.lastValuesSaved ?? 0;
  await push(base, values);
  await waitForAsync('the last values saved', async () => ((await health(base))?.lastValuesSaved ?? 0) >= before + 1, 15_000, 50);
}

const host = (s: ChildServer) => member(s.endpoint, { space: SPACE, name: 'Ada', passcode: PASSCODE });

async function say(m: Member, text: string): Promise<void> {
  const n = m.of<ChatLine>('chat.line').length;
  m.room.send('chat.send', { text });
  await m.next<ChatLine>('chat.line', n + 1);
}

async function draw(m: Member, key: number, points: number[]): Promise<number> {
  const n = m.of<StrokePiece>('board.stroke').length;
  m.room.send('board.stroke', { key, color: '#ff0000', width: 4, points, end: true });
  return (await m.next<StrokePiece>('board.stroke', n + 1)).id;
}

/** The board a newcomer is sent: every stroke of every chunk. */
async function boardOf(m: Member): Promise<{ id: number; points: number[] }[]> {
  await waitFor('the whole board', () => m.of<BoardSnapshot>('board.snapshot').some((s) => s.done), 10_000);
  return m.of<BoardSnapshot>('board.snapshot').flatMap((s) => s.strokes.map((x) => ({ id: x.id, points: x.points })));
}

async function chatOf(m: Member): Promise<string[]> {
  const h = await m.next<ChatHistoryMessage>('chat.history', 1, 10_000);
  return h.lines.filter((l) => l.kind === 'chat').map((l) => l.text);
}

const speed = (m: Member) => m.room.state.twins.get('pump-1')?.properties.get('speed');

async function exercise(store: Record<string, string>): Promise<void> {
  const a = await startChild(env(store));
  const ada = await host(a);
  expect(ada.room.state.avatars.get(ada.id)?.host).toBe(true);
  await say(ada, 'before the restart');
  const kept = await draw(ada, 1, [100, 100, 200, 200, 300, 250]);
  const erased = await draw(ada, 2, [500, 500, 600, 600]);
  ada.room.send('board.erase', { ids: [erased] });
  ada.room.send('meeting.lock', { locked: true });
  await waitFor('the space locked', () => ada.room.state.meeting.locked, 5000);
  await pushSaved(a.base, { speed: 12.5, running: true });
  await waitFor('the value in the room', () => speed(ada)?.quality === 'good', 5000);
  await settledWrites(a.base);

  a.child.kill('SIGTERM');
  // RS5: the session is told the server is restarting, with the named code.
  await waitFor('the session closed', () => ada.closed ?? undefined, 15_000);
  expect(ada.closed).toBe(CloseCode.SERVER_RESTARTING);
  expect(await a.exited).toBe(0);

  const b = await startChild(env(store));
  // RS3: still locked — a newcomer without the passcode is refused; the passcode holder is host again.
  await expect(member(b.endpoint, { space: SPACE, name: 'Bob' })).rejects.toMatchObject({ code: CloseCode.SPACE_LOCKED });
  const ada2 = await host(b);
  expect(ada2.room.state.meeting.locked).toBe(true);
  expect(ada2.room.state.avatars.get(ada2.id)?.host).toBe(true);
  // RS1, RS2: the chat and the board as they were, the erased stroke gone.
  expect(await chatOf(ada2)).toEqual(['before the restart']);
  expect(await boardOf(ada2)).toEqual([{ id: kept, points: [100, 100, 200, 200, 300, 250] }]);
  // RS4: the last value is back, stale, until fresh data arrives.
  await waitFor('the last value restored', () => speed(ada2)?.num === 12.5, 10_000);
  expect(speed(ada2)?.quality).toBe('stale');
  expect(ada2.room.state.twins.get('pump-1')?.properties.get('running')?.num).toBe(1);
  await pushSaved(b.base, { speed: 15.25 });
  await waitFor('fresh data is good', () => speed(ada2)?.quality === 'good' && speed(ada2)?.num === 15.25, 5000);

  // New ids continue after the saved ones; a clear and an unlock are kept too.
  await say(ada2, 'before the kill');
  ada2.room.send('board.clear', {});
  const after = await draw(ada2, 3, [10, 10, 20, 20]);
  expect(after).toBeGreaterThan(kept);
  ada2.room.send('meeting.lock', { locked: false });
  await waitFor('the space unlocked', () => !ada2.room.state.meeting.locked, 5000);
  await settledWrites(b.base);
  b.child.kill('SIGKILL');
  await b.exited;

  const c = await startChild(env(store));
  const bob = await member(c.endpoint, { space: SPACE, name: 'Bob' });
  expect(bob.room.state.meeting.locked).toBe(false);
  expect(bob.room.state.avatars.get(bob.id)?.host).toBe(false);
  expect(await chatOf(bob)).toEqual(['before the restart', 'before the kill']);
  expect(await boardOf(bob)).toEqual([{ id: after, points: [10, 10, 20, 20] }]);
  await waitFor('the last value restored', () => speed(bob)?.num === 15.25, 10_000);
  expect(speed(bob)?.quality).toBe('stale');
  c.child.kill('SIGTERM');
  expect(await c.exited).toBe(0);
}

describe('RS1 RS2 RS3 RS4 RS5: chat, board, lock and host seat, twin last values (stale) survive SIGTERM and SIGKILL; SIGTERM closes with 4503', () => {
  forEachStore('tvpersist', exercise, { postgres: 240_000, pglite: 900_000 });
});
