import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '../../../shared/protocol/errors.js';
import type { ServerMessages } from '../../../shared/protocol/table.js';
import { checkServerMessage, ClientMessages } from '../../../shared/protocol/table.js';
import { expectedRows, SPEC_PATH, specErrorCodes, specRows } from '../../support/specMessages.js';

describe('the message tables and SPEC.md (SPEC M6)', () => {
  const spec = fs.readFileSync(SPEC_PATH, 'utf8');

  it('M6: SPEC.md lists every message with the direction, rate and refusals of the tables (npx tsx tests/support/specMessages.ts rewrites it)', () => {
    expect(specRows(spec)).toEqual(expectedRows());
  });

  it('M6: SPEC.md lists every error code, and only those', () => {
    expect(specErrorCodes(spec)).toEqual(Object.keys(ERROR_TEXT));
  });

  it('M5 M6: every code a table entry may refuse with has words in ERROR_TEXT', () => {
    for (const [name, e] of Object.entries(ClientMessages)) {
      const codes: readonly string[] = e.kind === 'binary' ? [e.rateError, ...e.errors] : e.errors;
      for (const c of codes) expect(Object.hasOwn(ERROR_TEXT, c), `${name} → ${c}`).toBe(true);
    }
  });
});

describe('rates (SPEC M2, M3, P2, C2, G2, G7, CMD6)', () => {
  // The rates as they were when they moved into the table: a change here is a protocol decision.
  const RATES: Record<string, [perSecond: number, burst: number]> = {
    pose: [30, 30], // burst: one second of backlog (P11)
    profile: [2, 5],
    ping: [10, 20],
    'twin.command': [5, 10],
    'twin.grab': [5, 10],
    'twin.move': [30, 10],
    'twin.release': [5, 10],
    'twin.return_part': [2, 4],
    'twin.panel': [4, 8],
    'twin.alarm_ack': [2, 5],
    'twin.note': [1, 3],
    'meeting.hello': [1, 3],
    'meeting.voice': [4, 10],
    'meeting.hand': [2, 5],
    'meeting.mute': [4, 10],
    'meeting.kick': [2, 5],
    'meeting.lock': [1, 3],
    'meeting.claim_host': [0.2, 3],
    'rtc.signal': [50, 150],
    'chat.send': [1, 5],
    'board.stroke': [40, 80],
    'board.erase': [10, 20],
    'board.clear': [1, 2],
    'board.share': [1, 3],
    'timeline.seek': [4, 8],
    'timeline.play': [4, 8],
    'timeline.pause': [4, 8],
    'timeline.live': [4, 8],
    reaction: [2, 4],
    'video.watch': [2, 8],
    'video.answer': [2, 8],
    'video.leave': [4, 8],
  };

  it('every client → server message has the rate it had before the table held them', () => {
    const actual = Object.fromEntries(Object.entries(ClientMessages).map(([n, e]) => [n, [e.rate.perSecond, e.rate.burst]]));
    expect(actual).toEqual(RATES);
  });
});

describe('server → client validators (SPEC M5, V1, C1, B2)', () => {
  it.each<[keyof typeof ServerMessages, unknown]>([
    ['error', { code: 'message.rate', message: 'Too many', ref: 'chat.send' }],
    ['chat.line', { id: 1, at: 1, kind: 'chat', from: 'a', name: 'Ada', color: '#112233', text: 'hi' }],
    ['rtc.signal', { from: 'abc', kind: 'want', on: true }],
    ['board.stroke', { id: 1, by: 'a', key: 3, color: '#112233', width: 4, points: [1, 2], end: false }],
    ['twin.history', { twin: 'cnc-1', properties: { rpm: { t: [1], v: [2] } } }],
    ['video.offer', { camera: 'cam-1', sdp: 'v=0' }],
  ])('accept what the server sends: %s', (name, payload) => {
    expect(checkServerMessage(name, payload).ok).toBe(true);
  });

  it.each<[keyof typeof ServerMessages, unknown]>([
    ['error', { code: 'no.such_code', message: 'x', ref: 'y' }],
    ['chat.line', { id: '1', at: 1, kind: 'chat', from: 'a', name: 'Ada', color: '#112233', text: 'hi' }],
    ['rtc.signal', { to: 'abc', kind: 'want', on: true }],
    ['meeting.welcome', { iceServers: [], iceTransportPolicy: 'some', nearest: 8, maxLinks: 16 }],
  ])('refuse what the server never sends: %s', (name, payload) => {
    expect(checkServerMessage(name, payload).ok).toBe(false);
  });
});
