import { describe, expect, it } from 'vitest';
import { pack } from '@colyseus/msgpackr';
import { MAX_MESSAGE_BYTES } from '../../../shared/protocol/messages.js';
import { depthOf, frameGate, MAX_MESSAGE_DEPTH } from '../../../server/security/frameGate.js';

const ROOM_DATA = 13;
const ROOM_DATA_BYTES = 17;
const text = (s: string) => [...new TextEncoder().encode(s)];

function frame(type: string, body?: unknown, kind = ROOM_DATA): Uint8Array {
  const name = text(type);
  const head = [kind, ...(name.length < 32 ? [0xa0 | name.length] : [0xd9, name.length]), ...name];
  return new Uint8Array(body === undefined ? head : [...head, ...pack(body)]);
}

const nested = (levels: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < levels; i++) v = [v];
  return v;
};

const gate = frameGate(['profile', 'twin.command'], ['pose']);

describe('frame gate (SPEC M3 M4 HD7)', () => {
  it.each<[string, Uint8Array, string | null]>([
    ['a message with a body', frame('profile', { name: 'x' }), null],
    ['a message without a body', frame('profile'), null],
    ['a non-data frame (join, leave)', new Uint8Array([10, 1, 2, 3]), null],
    ['bytes for a binary route', frame('pose', undefined, ROOM_DATA_BYTES), null],
    ['a cut-off msgpack body', new Uint8Array([...frame('profile'), 0x81]), 'message.malformed'],
    ['a type longer than the frame', new Uint8Array([ROOM_DATA, 0xa9, 1, 2]), 'message.malformed'],
    ['a frame with nothing after the code', new Uint8Array([ROOM_DATA]), 'message.malformed'],
    ['a type of an unknown encoding', new Uint8Array([ROOM_DATA, 0xc1, 0]), 'message.malformed'],
    ['a type name that is not UTF-8', new Uint8Array([ROOM_DATA, 0xa2, 0xff, 0xfe]), 'message.malformed'],
    ['an unknown type', frame('no-such', { a: 1 }), 'message.unknown_type'],
    ['Colyseus’ internal fallback name', frame('__no_message_handler', {}), 'message.unknown_type'],
    ['a numeric type', new Uint8Array([ROOM_DATA, 0x05]), 'message.unknown_type'],
    ['a binary route sent as msgpack', frame('pose', new Uint8Array(10)), 'message.invalid'],
    ['a JSON route sent as bytes', frame('profile', undefined, ROOM_DATA_BYTES), 'message.invalid'],
    ['a body over the size limit', frame('profile', { name: 'x'.repeat(MAX_MESSAGE_BYTES) }), 'message.too_large'],
    ['a body nested too deep', frame('twin.command', { input: nested(MAX_MESSAGE_DEPTH + 2) }), 'message.too_deep'],
    // 3,000 one-element arrays, written by hand (packing them would overflow the test's own stack).
    ['a body nested 3,000 levels', new Uint8Array([...frame('twin.command'), ...Array<number>(3000).fill(0x91), 1]), 'deep'],
  ])('%s → %s', (_what, bytes, code) => {
    const v = gate(bytes);
    // Too deep for the decoder itself counts as malformed; either way it is refused by name.
    if (code === 'deep') expect(v.ok ? null : v.code).toMatch(/^message\.(too_deep|malformed)$/);
    else expect(v.ok ? null : v.code).toBe(code);
  });

  it('HD7: a refusal names a known type, or cuts an unknown one to 64 characters', () => {
    const v = gate(frame('x'.repeat(200)));
    expect(v).toMatchObject({ ok: false, code: 'message.unknown_type' });
    expect(!v.ok && v.ref.length).toBe(64);
  });

  it('HD7: depth counts objects and arrays, not bytes', () => {
    expect(depthOf(1, 16)).toBe(0);
    expect(depthOf({ a: [1, { b: 2 }] }, 16)).toBe(3);
    expect(depthOf(new Uint8Array(4), 16)).toBe(0);
    expect(depthOf(nested(100), 16)).toBe(17);
  });
});
