/**
 * SpaceRoom overrides Colyseus' internal `Room#_onMessage` so a frame that does not decode is refused
 * by name instead of closing the session (SPEC M4; ARCHITECTURE.md "Server", why it must stay). These
 * fail when an update of @colyseus/core moves or reshapes that entry point, or stops needing the
 * override, so the override is revisited instead of silently never being called.
 */
import { ClientState, Protocol, Room, type Client, type ClientPrivate } from '@colyseus/core';
import { describe, expect, it, vi } from 'vitest';
import { SpaceRoom } from '../../../../server/rooms/SpaceRoom.js';

type Entry = { _onMessage(client: Client & ClientPrivate, buffer: Buffer): void };

describe('the Colyseus entry point SpaceRoom overrides (SPEC M4)', () => {
  it('M4: every frame of a joined client still enters the room through Room#_onMessage(client, buffer)', () => {
    const proto = Room.prototype as unknown as Entry & { _onJoin: () => unknown };
    expect(typeof proto._onMessage).toBe('function');
    expect(proto._onMessage.length).toBe(2);
    // The socket's message listener is bound to the (overridable) method, not to a private copy.
    expect(proto._onJoin.toString()).toContain('this._onMessage.bind(this, client)');
    expect(Object.hasOwn(SpaceRoom.prototype, '_onMessage')).toBe(true);
  });

  it('M4: without the override, Colyseus still closes (4002) a client whose frame does not decode', () => {
    const room = new (class extends Room {})();
    const handled: unknown[] = [];
    room.onMessage('x', (_client, message: unknown) => handled.push(message));
    const closes: (number | undefined)[] = [];
    // Colyseus prints the decode error; keep the test output to what matters.
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const client = { state: ClientState.JOINED, sessionId: 'a', leave: (code?: number) => closes.push(code) };
    // Type "x", then a body announcing a 5-byte string that carries 1 byte: it cannot decode.
    const frame = Buffer.from([Protocol.ROOM_DATA, 0xa1, 0x78, 0xa5, 0x61]);
    (room as unknown as Entry)._onMessage(client as unknown as Client & ClientPrivate, frame);
    expect(closes).toEqual([Protocol.WS_CLOSE_WITH_ERROR]);
    quiet.mockRestore();
    expect(handled).toEqual([]);
  });
});
