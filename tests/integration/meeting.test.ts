/**
 * Meetings over the wire: signalling scope, chat limits and history, host powers, the board.
 * A real server in this process, real colyseus.js clients. Test names carry SPEC.md rule IDs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'colyseus.js';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, ROOM_NAME } from '../../shared/protocol/version.js';
import { CHAT_MAX_CHARS, type ChatHistoryMessage, type ChatLine } from '../../shared/protocol/chat.js';
import { type NoticeMessage, type RelayedSignal, type WelcomeMessage } from '../../shared/protocol/meeting.js';
import {
  BOARD_MAX_POINTS_PER_MESSAGE,
  BOARD_MAX_STROKE_POINTS,
  type BoardSnapshot,
  type StrokePiece,
} from '../../shared/protocol/board.js';
import { roomClosed, serverStateOf, startTestServer, type TestServer } from '../support/server.js';
import { member, type Member } from '../support/inbox.js';
import { roundTrips } from '../support/barrier.js';
import { waitFor } from '../support/wait.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ patchRateMs: 20, reconnectSeconds: 1 });
});
afterAll(async () => {
  await server?.close();
});

const leave = (...ms: Member[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));
const avatar = (observer: Member, subject: Member) => observer.room.state.avatars.get(subject.id);

describe('voice signalling', () => {
  it('V1: a signal reaches a peer of the same space with the sender named by the server', async () => {
    const a = await member(server.endpoint, { space: 'sig', name: 'Ada' });
    const b = await member(server.endpoint, { space: 'sig', name: 'Bo' });
    a.room.send('rtc.signal', { to: b.id, kind: 'offer', link: 1, sdp: 'v=0 fake offer' });
    const got = await b.next<RelayedSignal>('rtc.signal');
    expect(got).toEqual({ kind: 'offer', link: 1, sdp: 'v=0 fake offer', from: a.id });
    // A payload cannot claim to come from someone else: `from` is not part of the message.
    a.room.send('rtc.signal', { to: b.id, kind: 'want', on: true, from: 'someone-else' });
    expect((await a.refused('message.invalid')).message).toMatch(/from/);
    await leave(a, b);
  });

  it('V1: signalling to a peer in another space, to nobody, or to oneself is refused', async () => {
    const a = await member(server.endpoint, { space: 'sig-a' });
    const other = await member(server.endpoint, { space: 'sig-b' });
    a.room.send('rtc.signal', { to: other.id, kind: 'offer', link: 1, sdp: 'v=0' });
    const refusal = await a.refused('rtc.peer_unknown');
    expect(refusal.ref).toBe('rtc.signal');
    a.room.send('rtc.signal', { to: a.id, kind: 'want', on: true });
    await a.refused('rtc.self');
    await roundTrips(a, other);
    expect(other.of('rtc.signal')).toEqual([]);
    await leave(a, other);
  });

  it('V1: an oversized SDP is refused at the edge and the session stays', async () => {
    const a = await member(server.endpoint, { space: 'sig-big' });
    const b = await member(server.endpoint, { space: 'sig-big' });
    a.room.send('rtc.signal', { to: b.id, kind: 'offer', link: 1, sdp: 'x'.repeat(13_000) });
    expect((await a.refused('message.invalid')).message).toMatch(/sdp/);
    a.room.send('rtc.signal', { to: b.id, kind: 'bye' });
    expect(await b.next<RelayedSignal>('rtc.signal')).toEqual({ kind: 'bye', from: a.id });
    await leave(a, b);
  });

  it('V8: without configuration the welcome names no ICE server (host candidates only)', async () => {
    const a = await member(server.endpoint, { space: 'ice' });
    const w = await a.next<WelcomeMessage>('meeting.welcome');
    expect(w).toEqual({ iceServers: [], iceTransportPolicy: 'all', nearest: 8, maxLinks: 16 });
    await leave(a);
  });

  it('V5 V6: voice state is the sender’s own and reaches everyone', async () => {
    const a = await member(server.endpoint, { space: 'voice' });
    const b = await member(server.endpoint, { space: 'voice' });
    a.room.send('meeting.voice', { mic: true, muted: true });
    await waitFor('B to see A muted', () => avatar(b, a)?.muted && avatar(b, a)?.mic);
    a.room.send('meeting.voice', { muted: false });
    await waitFor('B to see A unmuted', () => avatar(b, a)?.muted === false);
    expect(avatar(a, b)?.mic).toBe(false);
    await leave(a, b);
  });
});

describe('chat', () => {
  it('C1 C4: a line reaches everyone with the sender’s name from the session; arrivals and departures are announced', async () => {
    const a = await member(server.endpoint, { space: 'chat', name: 'Ada', color: '#ff0000' });
    const b = await member(server.endpoint, { space: 'chat', name: 'Bo' });
    a.room.send('chat.send', { text: '  Hello, Bo!  ' });
    const lines = await waitFor('the line at B', () => b.of<ChatLine>('chat.line').find((l) => l.kind === 'chat'));
    expect(lines).toMatchObject({ kind: 'chat', from: a.id, name: 'Ada', color: '#ff0000', text: 'Hello, Bo!' });
    expect(a.of<ChatLine>('chat.line').some((l) => l.kind === 'join' && l.name === 'Bo')).toBe(true);
    await b.room.leave();
    await waitFor('the leave line at A', () => a.of<ChatLine>('chat.line').find((l) => l.kind === 'leave' && l.name === 'Bo'));
    await leave(a);
  });

  it('C2: empty, too long and disguised texts are refused by name; 500 characters pass', async () => {
    const a = await member(server.endpoint, { space: 'chat-limits' });
    a.room.send('chat.send', { text: '   ' });
    await a.refused('chat.empty');
    a.room.send('chat.send', { text: 'x'.repeat(CHAT_MAX_CHARS + 1) });
    await a.refused('chat.too_long');
    a.room.send('chat.send', { text: 'invoice\u202Egnp.exe' });
    await a.refused('chat.bad_characters');
    a.room.send('chat.send', { text: 'y'.repeat(5000) });
    await a.refused('message.invalid');
    a.room.send('chat.send', { text: 'z'.repeat(CHAT_MAX_CHARS) });
    const line = await waitFor('the 500-character line', () => a.of<ChatLine>('chat.line').find((l) => l.kind === 'chat'));
    expect(line.text).toHaveLength(CHAT_MAX_CHARS);
    expect(a.room.connection.isOpen).toBe(true);
    await leave(a);
  });

  it('C2: more than 5 lines at once are refused with message.rate; the rest get through', async () => {
    const a = await member(server.endpoint, { space: 'chat-rate' });
    const b = await member(server.endpoint, { space: 'chat-rate' });
    for (let i = 0; i < 8; i++) a.room.send('chat.send', { text: `line ${i}` });
    const refusal = await a.refused('message.rate');
    expect(refusal.ref).toBe('chat.send');
    await roundTrips(a, b);
    const said = b.of<ChatLine>('chat.line').filter((l) => l.kind === 'chat');
    expect(said.map((l) => l.text)).toEqual(['line 0', 'line 1', 'line 2', 'line 3', 'line 4']);
    // The bucket refilling a second later is about time: tests/unit/server/security/rateLimit.test.ts
    // checks it with the time given, rather than this test waiting a second for it.
    await leave(a, b);
  });

  it('C3: the chat outlives the room: a newcomer after everyone left gets the history', async () => {
    const a = await member(server.endpoint, { space: 'chat-keep', name: 'Ada' });
    a.room.send('chat.send', { text: 'remember me' });
    await waitFor('the echo', () => a.of<ChatLine>('chat.line').find((l) => l.kind === 'chat'));
    await a.room.leave();
    await roomClosed(a.room.roomId);
    const b = await member(server.endpoint, { space: 'chat-keep', name: 'Bo' });
    expect(b.room.roomId).not.toBe(a.room.roomId);
    const history = await b.next<ChatHistoryMessage>('chat.history');
    expect(history.lines.map((l) => `${l.kind}:${l.name}:${l.text}`)).toEqual([
      'join:Ada:joined',
      'chat:Ada:remember me',
      'leave:Ada:left',
      'join:Bo:joined',
    ]);
    await leave(b);
  });
});

describe('people and roles', () => {
  it('R1: whoever opens a space is its host; the next person is not; the host role passes on when the host leaves', async () => {
    const a = await member(server.endpoint, { space: 'roles', name: 'Ada' });
    const b = await member(server.endpoint, { space: 'roles', name: 'Bo' });
    await waitFor('B to see both', () => avatar(b, a) && avatar(b, b));
    expect(avatar(b, a)!.host).toBe(true);
    expect(avatar(b, b)!.host).toBe(false);
    await a.room.leave();
    await waitFor('B to become host', () => avatar(b, b)?.host);
    expect((await b.next<NoticeMessage>('meeting.notice')).kind).toBe('host_passed');
    await leave(b);
  });

  it('R2: hands go up and down; only the host lowers someone else’s, nobody raises it', async () => {
    const host = await member(server.endpoint, { space: 'hands' });
    const b = await member(server.endpoint, { space: 'hands' });
    const c = await member(server.endpoint, { space: 'hands' });
    b.room.send('meeting.hand', { raised: true });
    await waitFor('hand up', () => avatar(c, b)?.hand);
    c.room.send('meeting.hand', { raised: false, target: b.id });
    await c.refused('meeting.not_host');
    c.room.send('meeting.hand', { raised: true, target: host.id });
    await c.refused('meeting.raise_other');
    host.room.send('meeting.hand', { raised: false, target: b.id });
    await waitFor('hand down', () => avatar(c, b)?.hand === false);
    expect((await b.next<NoticeMessage>('meeting.notice')).kind).toBe('hand_lowered');
    await leave(host, b, c);
  });

  it('R3 R6: a non-host’s mute is refused; the host’s mute is seen by all, told to the person, who may unmute', async () => {
    const host = await member(server.endpoint, { space: 'mute', name: 'Host' });
    const b = await member(server.endpoint, { space: 'mute', name: 'Bo' });
    b.room.send('meeting.voice', { mic: true, muted: false });
    b.room.send('meeting.mute', { target: host.id });
    const refusal = await b.refused('meeting.not_host');
    expect(refusal.ref).toBe('meeting.mute');
    await b.roundTrip();
    expect(serverStateOf(b.room.roomId).avatars.get(host.id)!.muted).toBe(false);

    host.room.send('meeting.mute', { target: b.id });
    await waitFor('B muted for the host', () => avatar(host, b)?.muted);
    const notice = await b.next<NoticeMessage>('meeting.notice');
    expect(notice).toMatchObject({ kind: 'muted_by_host' });
    expect(notice.text).toMatch(/Host \(host\) muted you/);
    b.room.send('meeting.voice', { muted: false });
    await waitFor('B unmuted', () => avatar(host, b)?.muted === false);
    host.room.send('meeting.mute', { target: 'nobody-here' });
    await host.refused('meeting.unknown_person');
    await leave(host, b);
  });

  it('R4: a non-host’s kick is refused; the host’s kick removes the member with 4406 and says so in the chat', async () => {
    const host = await member(server.endpoint, { space: 'kick' });
    const b = await member(server.endpoint, { space: 'kick', name: 'Troll' });
    const c = await member(server.endpoint, { space: 'kick' });
    b.room.send('meeting.kick', { target: c.id });
    await b.refused('meeting.not_host');
    await roundTrips(b, c);
    expect(c.closed).toBeNull();
    expect(serverStateOf(c.room.roomId).avatars.size).toBe(3);

    host.room.send('meeting.kick', { target: host.id });
    await host.refused('meeting.self');
    host.room.send('meeting.kick', { target: b.id });
    await waitFor('B closed', () => b.closed ?? undefined);
    expect(b.closed).toBe(CloseCode.KICKED);
    await waitFor('B gone for C', () => !c.room.state.avatars.has(b.id));
    const line = await waitFor('the removal line', () => c.of<ChatLine>('chat.line').find((l) => l.kind === 'leave'));
    expect(line).toMatchObject({ name: 'Troll', text: 'was removed by the host' });
    // No seat is held for a reconnection: the avatar is gone at once, not marked disconnected.
    expect(serverStateOf(host.room.roomId).avatars.has(b.id)).toBe(false);
    await leave(host, c);
  });

  it('R5: only the host locks; a locked space refuses newcomers with 4404 and opens again when unlocked', async () => {
    const host = await member(server.endpoint, { space: 'lock' });
    const b = await member(server.endpoint, { space: 'lock' });
    b.room.send('meeting.lock', { locked: true });
    await b.refused('meeting.not_host');
    host.room.send('meeting.lock', { locked: true });
    await waitFor('locked', () => b.room.state.meeting.locked);
    const err = (await new Client(server.endpoint)
      .joinOrCreate(ROOM_NAME, joinOptions({ space: 'lock', name: 'Late', color: '#000000' }))
      .catch((e: unknown) => e)) as { code: number; message: string };
    expect(err.code).toBe(CloseCode.SPACE_LOCKED);
    expect(err.message).toMatch(/locked/);
    expect(host.room.state.avatars.size).toBe(2);
    host.room.send('meeting.lock', { locked: false });
    await waitFor('unlocked', () => !b.room.state.meeting.locked);
    const late = await member(server.endpoint, { space: 'lock', name: 'Late' });
    await leave(host, b, late);
  });

  it('R1: claiming host in a space without a passcode is refused by name', async () => {
    const a = await member(server.endpoint, { space: 'no-code' });
    const b = await member(server.endpoint, { space: 'no-code' });
    b.room.send('meeting.claim_host', { passcode: 'anything' });
    await b.refused('meeting.no_passcode');
    await leave(a, b);
  });
});

describe('the board', () => {
  const stroke = (key: number, points: number[], end = false) => ({ key, color: '#1e88e5', width: 8, points, end });

  it('B1: the board hangs where the layout says, 16:9', async () => {
    const a = await member(server.endpoint, { space: 'factory' });
    expect(a.room.state.board.toJSON()).toMatchObject({ x: expect.closeTo(-15.9, 4), z: -5, width: expect.closeTo(4.8, 4), sharer: '' });
    expect(a.room.state.board.y).toBeCloseTo(0.85 + (4.8 * 9) / 32, 4);
    await leave(a);
  });

  it('B2: stroke pieces reach the other clients live, with an id, the author and their key', async () => {
    const a = await member(server.endpoint, { space: 'board-live' });
    const b = await member(server.endpoint, { space: 'board-live' });
    a.room.send('board.stroke', stroke(7, [100, 100, 120, 110]));
    const first = await b.next<StrokePiece>('board.stroke');
    expect(first).toMatchObject({ by: a.id, key: 7, color: '#1e88e5', width: 8, points: [100, 100, 120, 110], end: false });
    a.room.send('board.stroke', stroke(7, [140, 130], true));
    const second = await b.next<StrokePiece>('board.stroke', 2);
    expect(second).toMatchObject({ id: first.id, points: [140, 130], end: true });
    // The author hears its own stroke back, to learn the id.
    expect((await a.next<StrokePiece>('board.stroke')).id).toBe(first.id);
    await leave(a, b);
  });

  it('B2 M5: strokes that break the size caps are refused at the edge; nothing reaches the others', async () => {
    const a = await member(server.endpoint, { space: 'board-caps' });
    const b = await member(server.endpoint, { space: 'board-caps' });
    // Each kind of bad piece is covered by tests/unit/shared/protocol/board.test.ts; here: refused over the wire,
    // one report per second (M5), nothing relayed, the session open.
    const tooMany = Array.from({ length: 2 * (BOARD_MAX_POINTS_PER_MESSAGE + 1) }, (_, i) => i);
    a.room.send('board.stroke', stroke(1, tooMany));
    a.room.send('board.stroke', stroke(2, [10, 1801]));
    a.room.send('board.stroke', { ...stroke(3, [1, 2]), width: 500 });
    expect((await a.refused('message.invalid')).message).toMatch(/at most 128 points/);
    await roundTrips(a, b);
    expect(a.errors).toHaveLength(1);
    expect(b.of('board.stroke')).toEqual([]);
    a.room.send('board.stroke', stroke(4, [1, 2], true));
    await b.next('board.stroke');
    await leave(a, b);
  });

  it('B3: a stroke longer than its cap is cut and refused with board.stroke_too_long', async () => {
    const a = await member(server.endpoint, { space: 'board-long' });
    const piece = Array.from({ length: 2 * BOARD_MAX_POINTS_PER_MESSAGE }, (_, i) => (i * 7) % 1800);
    const messages = BOARD_MAX_STROKE_POINTS / BOARD_MAX_POINTS_PER_MESSAGE + 1;
    // 17 pieces: well inside board.stroke's burst of 80, so no rate refusal mixes in.
    for (let i = 0; i < messages; i++) a.room.send('board.stroke', stroke(9, piece));
    const refusal = await a.refused('board.stroke_too_long', 5000);
    expect(refusal.ref).toBe('board.stroke');
    const pieces = await waitFor('all pieces', () => {
      const got = a.of<StrokePiece>('board.stroke');
      return got.some((p) => p.end) ? got : undefined;
    });
    expect(pieces.reduce((n, p) => n + p.points.length / 2, 0)).toBe(BOARD_MAX_STROKE_POINTS);
    await leave(a);
  });

  it('B4 B5: anyone erases their own stroke; only the host clears the board', async () => {
    const host = await member(server.endpoint, { space: 'board-erase' });
    const b = await member(server.endpoint, { space: 'board-erase' });
    b.room.send('board.stroke', stroke(1, [1, 1, 2, 2], true));
    host.room.send('board.stroke', stroke(1, [5, 5, 6, 6], true));
    const [s1, s2] = [await host.next<StrokePiece>('board.stroke'), await host.next<StrokePiece>('board.stroke', 2)];
    const own = [s1, s2].find((s) => s.by === b.id)!;
    b.room.send('board.erase', { ids: [own.id, 999] });
    expect(await host.next('board.erase')).toEqual({ ids: [own.id], by: b.id });
    b.room.send('board.clear', {});
    await b.refused('meeting.not_host');
    host.room.send('board.clear', {});
    expect(await b.next('board.clear')).toEqual({ by: host.id });
    expect(s1.id).not.toBe(s2.id);
    await leave(host, b);
  });

  it('B6: the board survives everyone leaving; a newcomer gets it in the snapshot', async () => {
    const a = await member(server.endpoint, { space: 'board-keep' });
    a.room.send('board.stroke', stroke(1, [10, 10, 400, 300], true));
    await a.next('board.stroke');
    await a.room.leave();
    await roomClosed(a.room.roomId);
    const b = await member(server.endpoint, { space: 'board-keep' });
    const snap = await b.next<BoardSnapshot>('board.snapshot');
    expect(snap.done).toBe(true);
    expect(snap.strokes).toEqual([expect.objectContaining({ by: a.id, points: [10, 10, 400, 300] })]);
    await leave(b);
  });

  it('B7: one screen share at a time; the sharer or the host stops it; it ends when the sharer leaves', async () => {
    const host = await member(server.endpoint, { space: 'share' });
    const b = await member(server.endpoint, { space: 'share' });
    const c = await member(server.endpoint, { space: 'share' });
    b.room.send('board.share', { on: true });
    await waitFor('B sharing', () => host.room.state.board.sharer === b.id);
    c.room.send('board.share', { on: true });
    await c.refused('board.share_busy');
    c.room.send('board.share', { on: false });
    await c.refused('board.not_sharer');
    host.room.send('board.share', { on: false });
    await waitFor('share stopped by the host', () => c.room.state.board.sharer === '');
    c.room.send('board.share', { on: true });
    await waitFor('C sharing', () => host.room.state.board.sharer === c.id);
    await c.room.leave();
    await waitFor('share ends with its sharer', () => host.room.state.board.sharer === '');
    await leave(host, b);
  });
});
