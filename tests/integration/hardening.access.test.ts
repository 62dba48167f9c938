/**
 * Hostile clients at the door: matchmaking calls that would split a space, join options that lie
 * about the protocol, passcode guessing, DNS rebinding, huge join bodies and GET floods. A real server
 * in this process; raw HTTP where a client address or header must be chosen. Test names carry the
 * SPEC.md rule IDs they check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import http from 'node:http';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { Client, type MatchMakeError } from 'colyseus.js';
import { matchMaker } from '@colyseus/core';
import { joinOptions } from '../../shared/protocol/messages.js';
import { CloseCode, PROTOCOL_VERSION, ROOM_NAME } from '../../shared/protocol/version.js';

import { loadConfig } from '../../server/config.js';
import { startTwinverse, type Twinverse } from '../../server/app.js';
import { MATCHMAKE_MAX_BYTES } from '../../server/http/requestGuard.js';
import { member, type Member } from '../support/inbox.js';
import { waitFor } from '../support/wait.js';

const HTTP_RATE = 40;
const logLines: string[] = [];
let server: Twinverse;
let endpoint: string;

beforeAll(async () => {
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    PATCH_RATE_MS: '20',
    RECONNECT_SECONDS: '1',
    HOST_PASSCODES: JSON.stringify({ vault: 'vault-code', guarded: 'guarded-code' }),
    ALLOWED_HOSTS: 'twins.example.test',
    HTTP_RATE: String(HTTP_RATE),
    // A window no loaded machine outlasts: the count below is exact, whatever the scheduling.
    HTTP_RATE_WINDOW: '600',
    SIMULATOR: 'off',
    VIDEO: 'off',
    DATA_DIR: 'memory',
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  server = await startTwinverse(config, pino({ level: 'info' }, sink));
  endpoint = `ws://127.0.0.1:${server.port}`;
});
afterAll(async () => {
  await server?.close();
});

const leave = (...ms: Member[]) => Promise.all(ms.map((m) => m.room.leave().catch(() => undefined)));
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => ({ code: 0, message: 'joined' }) as MatchMakeError,
    (e: unknown) => e as MatchMakeError,
  );

interface Reply {
  status: number;
  body: string;
}

/** One raw HTTP request to the server, from `localAddress` (any 127.x.y.z is this machine). */
function request(
  method: string,
  path: string,
  o: { body?: string | Buffer; headers?: Record<string, string>; localAddress?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, method, path, headers: o.headers, localAddress: o.localAddress, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

/** A matchmaking call as colyseus.js makes it, from a chosen address; resolves to the error code (0 = seat). */
async function matchmake(space: string, passcode: string, localAddress = '127.0.0.1'): Promise<number> {
  const body = JSON.stringify(joinOptions({ space, name: 'Guess', color: '#101010', passcode }));
  const r = await request('POST', `/matchmake/joinOrCreate/${ROOM_NAME}`, {
    body,
    localAddress,
    headers: { 'Content-Type': 'application/json' },
  });
  const parsed = JSON.parse(r.body) as { code?: number };
  return parsed.code ?? 0;
}

describe('one space, one room', () => {
  it('HD1: create, join, joinOrCreate and joinById all reach the one room of a locked space and are refused', async () => {
    const host = await member(endpoint, { space: 'split', name: 'Host' });
    host.room.send('meeting.lock', { locked: true });
    await waitFor('locked', () => host.room.state.meeting.locked);
    const opts = joinOptions({ space: 'split', name: 'M', color: '#123456' });
    const c = new Client(endpoint);
    for (const attempt of [
      c.create(ROOM_NAME, opts),
      c.join(ROOM_NAME, opts),
      c.joinOrCreate(ROOM_NAME, opts),
      c.joinById(host.room.roomId, opts),
    ]) {
      const err = await refusal(attempt);
      expect(err.code).toBe(CloseCode.SPACE_LOCKED);
    }
    const rooms = await matchMaker.query({ name: ROOM_NAME, space: 'split' });
    expect(rooms.map((r) => r.roomId)).toEqual([host.room.roomId]);
    expect(host.room.state.avatars.size).toBe(1);
    await leave(host);
  });

  it('HD1: create for an open space joins its room instead of opening a second one', async () => {
    const first = await member(endpoint, { space: 'one-room' });
    const room = await new Client(endpoint).create(ROOM_NAME, joinOptions({ space: 'one-room', name: 'Second', color: '#123456' }));
    expect(room.roomId).toBe(first.room.roomId);
    await waitFor('second avatar', () => first.room.state.avatars.size === 2);
    await room.leave();
    await leave(first);
  });

  it('HD1: a second room for a space that has one refuses to open (4430), and the space can open again once closed', async () => {
    const first = await member(endpoint, { space: 'claimed' });
    const err = (await matchMaker.createRoom(ROOM_NAME, { space: 'claimed' }).catch((e: unknown) => e)) as { code: number };
    expect(err.code).toBe(CloseCode.SPACE_BUSY);
    await leave(first);
    await waitFor('room closed', async () => (await matchMaker.query({ name: ROOM_NAME, space: 'claimed' })).length === 0);
    const again = await member(endpoint, { space: 'claimed' });
    expect(again.room.roomId).not.toBe(first.room.roomId);
    await leave(again);
  });

  it('HD1: joinById with options naming another space is refused (4403)', async () => {
    const a = await member(endpoint, { space: 'by-id' });
    const err = await refusal(
      new Client(endpoint).joinById(a.room.roomId, joinOptions({ space: 'elsewhere', name: 'X', color: '#000000' })),
    );
    expect(err.code).toBe(CloseCode.BAD_JOIN_OPTIONS);
    await leave(a);
  });
});

describe('join options', () => {
  it('HD2: a protocol that is missing, null, a string, fractional or huge is malformed options (4403); a wrong integer is a version mismatch', async () => {
    const base = { space: 'proto', name: 'P', color: '#000000' };
    const c = new Client(endpoint);
    for (const protocol of [undefined, null, '1', 1.5, 1e308]) {
      const err = await refusal(c.joinOrCreate(ROOM_NAME, { ...base, protocol }));
      expect(err.code, `protocol ${String(protocol)}`).toBe(CloseCode.BAD_JOIN_OPTIONS);
    }
    expect((await refusal(c.joinOrCreate(ROOM_NAME, { ...base, protocol: PROTOCOL_VERSION - 1 }))).code).toBe(CloseCode.CLIENT_TOO_OLD);
    expect((await refusal(c.joinOrCreate(ROOM_NAME, { ...base, protocol: PROTOCOL_VERSION + 1 }))).code).toBe(CloseCode.SERVER_TOO_OLD);
  });

  it('HD2: a name with a lone surrogate is refused (4403), not mangled', async () => {
    const err = await refusal(
      new Client(endpoint).joinOrCreate(ROOM_NAME, joinOptions({ space: 'names', name: 'a\ud800b', color: '#000000' })),
    );
    expect(err.code).toBe(CloseCode.BAD_JOIN_OPTIONS);
  });
});

describe('passcode guessing', () => {
  it('HD3: past the per-address limit even the right passcode is refused (4432) for a while; another address still may try', async () => {
    const before = logLines.length;
    const guesses = await Promise.all(Array.from({ length: 10 }, (_, i) => matchmake('vault', `guess-${i}`)));
    expect(guesses).toEqual(Array(10).fill(CloseCode.BAD_PASSCODE));
    expect(await matchmake('vault', 'vault-code')).toBe(CloseCode.TOO_MANY_ATTEMPTS);
    expect(await matchmake('vault', 'vault-code', '127.0.0.2')).toBe(0);
    // One short line per refusal, no stack trace.
    const refusals = logLines.slice(before).filter((l) => l.includes('join refused'));
    expect(refusals.length).toBe(11);
    for (const l of refusals) expect(l.length).toBeLessThan(400);
    expect(logLines.slice(before).some((l) => l.includes('"stack"'))).toBe(false);
  });

  it('HD3: past the per-space limit the space refuses passcodes from every address', async () => {
    const from = ['127.0.0.3', '127.0.0.4', '127.0.0.5'];
    const wrong = await Promise.all(from.flatMap((a) => Array.from({ length: 10 }, (_, i) => matchmake('guarded', `no-${i}`, a))));
    expect(wrong.every((c) => c === CloseCode.BAD_PASSCODE)).toBe(true);
    expect(await matchmake('guarded', 'guarded-code', '127.0.0.6')).toBe(CloseCode.TOO_MANY_ATTEMPTS);
    // Joining without a passcode is not guessing: it still works.
    const guest = await member(endpoint, { space: 'guarded', name: 'Guest' });
    await leave(guest);
  });
});

describe('HTTP edge', () => {
  it('HD4: a Host name the server does not serve is refused for HTTP and WebSocket (DNS rebinding)', async () => {
    const evil = { Host: `evil.example:${server.port}`, Origin: `http://evil.example:${server.port}` };
    const r = await request('GET', '/health', { headers: evil });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body)).toMatchObject({ error: 'host_not_allowed' });
    const mm = await request('POST', `/matchmake/joinOrCreate/${ROOM_NAME}`, { headers: evil, body: '{}' });
    expect(mm.status).toBe(403);
    const upgrade = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: server.port,
        path: '/',
        headers: {
          ...evil,
          Connection: 'Upgrade',
          Upgrade: 'websocket',
          'Sec-WebSocket-Version': '13',
          'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('response', (res) => resolve(res.statusCode ?? 0));
      req.on('upgrade', () => resolve(101));
      req.on('error', reject);
      req.end();
    });
    expect(upgrade).not.toBe(101);
    // Configured names, localhost and IP literals pass.
    for (const Host of [`twins.example.test:${server.port}`, `localhost:${server.port}`, `127.0.0.1:${server.port}`]) {
      expect((await request('GET', '/health', { headers: { Host }, localAddress: '127.0.0.7' })).status).toBe(200);
    }
  });

  it('HD5: a matchmaking body over the cap is refused with 413 before it is read whole', async () => {
    const big = Buffer.alloc(MATCHMAKE_MAX_BYTES * 4, 0x20);
    const declared = await request('POST', `/matchmake/joinOrCreate/${ROOM_NAME}`, {
      body: big,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(declared.status).toBe(413);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: server.port, method: 'POST', path: `/matchmake/joinOrCreate/${ROOM_NAME}` },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', () => resolve(413));
      req.setHeader('Transfer-Encoding', 'chunked');
      for (let i = 0; i < 8; i++) req.write(Buffer.alloc(1024, 0x20));
      req.end();
      req.on('timeout', () => reject(new Error('no answer')));
    });
    expect(chunked).toBe(413);
  });

  it('HD5: GET requests are limited per address; another address is served meanwhile', async () => {
    const statuses = await Promise.all(
      Array.from({ length: HTTP_RATE * 2 }, () => request('GET', '/health', { localAddress: '127.0.0.8' })),
    );
    const limited = statuses.filter((s) => s.status === 429);
    expect(statuses.filter((s) => s.status === 200)).toHaveLength(HTTP_RATE);
    expect(limited).toHaveLength(HTTP_RATE);
    expect(JSON.parse(limited[0]!.body)).toMatchObject({ error: 'rate_limited' });
    expect((await request('GET', '/health', { localAddress: '127.0.0.9' })).status).toBe(200);
  });

  it('HD5: /api/twins names definition files relative to the assets folder, never an absolute server path', async () => {
    const r = await request('GET', '/api/twins', { localAddress: '127.0.0.10' });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.body) as { twins: { file: string }[]; failed: unknown[] };
    expect(body.twins.length).toBeGreaterThan(0);
    expect(r.body).not.toContain(process.cwd());
    for (const t of body.twins) expect(t.file.startsWith('/')).toBe(false);
  });
});
