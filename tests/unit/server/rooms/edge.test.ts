import { describe, expect, it } from 'vitest';
import { pack } from '@colyseus/msgpackr';
import { admitFrame } from '../../../../server/rooms/edge.js';

const ROOM_DATA = 13;
const text = (s: string) => [...new TextEncoder().encode(s)];

function frame(type: string, body?: unknown): Uint8Array {
  const head = [ROOM_DATA, 0xa0 | type.length, ...text(type)];
  return new Uint8Array(body === undefined ? head : [...head, ...pack(body)]);
}

describe('admitFrame (SPEC M4)', () => {
  it.each<[string, Uint8Array, boolean]>([
    ['a message with a body', frame('profile', { name: 'x' }), true],
    ['a message without a body', frame('ping'), true],
    ['a non-data frame (join, leave, bytes)', new Uint8Array([10, 1, 2, 3]), true],
    ['a cut-off msgpack body', new Uint8Array([...frame('profile'), 0x81]), false],
    ['a type longer than the frame', new Uint8Array([ROOM_DATA, 0xa9, 1, 2]), false],
    ['a frame with nothing after the code', new Uint8Array([ROOM_DATA]), false],
    ['a type of an unknown encoding', new Uint8Array([ROOM_DATA, 0xc1, 0]), false],
  ])('%s → %s', (_what, bytes, admitted) => {
    let reported = false;
    expect(admitFrame(bytes, () => (reported = true))).toBe(admitted);
    expect(reported).toBe(!admitted);
  });
});
