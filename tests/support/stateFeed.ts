/**
 * A server's room state and a client's colyseus.js `Room` joined by the bytes a socket would carry,
 * without the socket: the real schema `Encoder` on one side, the real room decoder and Colyseus'
 * change callbacks on the other. For testing the client's sync modules patch by patch.
 */
import { Decoder, Encoder } from '@colyseus/schema';
import { Room } from 'colyseus.js';
import { ROOM_NAME } from '../../shared/protocol/version.js';
import { SpaceState } from '../../shared/state/space.js';
import type { SpaceConnection } from '../../client/net/connection.js';
import type { ConnectionStatus } from '../../client/net/status.js';
import { createStateSync, type StateSync } from '../../client/net/stateSync.js';

interface Serializer {
  decoder: Decoder;
  state: SpaceState;
  setState(b: Uint8Array, it: { offset: number }): void;
  patch(b: Uint8Array, it: { offset: number }): void;
}

export interface StateFeed {
  /** The server's state: change it, then call `patch()`. */
  readonly server: SpaceState;
  /** The client's room (what `SpaceConnection` adopts). */
  readonly room: Room<SpaceState>;
  /** Sends what changed on the server as one patch; the client has applied it when this returns. */
  patch(): void;
  /** A connection in front of the room: `onState` (with the room's StateSync), `on` (nothing arrives), `onStatus`. */
  readonly connection: SpaceConnection;
  /** Tells the connection's status listeners `s` (a loss, a rejoin). */
  status(s: ConnectionStatus): void;
}

/** Opens the feed: `fill` prepares the server state sent as the first state. */
export function feedState(fill: (server: SpaceState) => void = () => undefined): StateFeed {
  const server = new SpaceState();
  fill(server);
  const encoder = new Encoder(server);
  const room = new Room<SpaceState>(ROOM_NAME, SpaceState);
  const serializer = (room as unknown as { serializer: Serializer }).serializer;
  serializer.decoder = new Decoder(serializer.state);
  serializer.setState(encoder.encodeAll(), { offset: 0 });
  encoder.discardChanges();
  room.onStateChange.invoke(room.state);
  const sync: StateSync = createStateSync(room);
  const statusListeners = new Set<(s: ConnectionStatus) => void>();
  const connection = {
    onState(attach: (s: StateSync) => unknown) {
      attach(sync);
      return () => undefined;
    },
    on: () => () => undefined,
    send: () => undefined,
    onStatus(l: (s: ConnectionStatus) => void) {
      statusListeners.add(l);
      return () => statusListeners.delete(l);
    },
  } as unknown as SpaceConnection;
  return {
    server,
    room,
    connection,
    status: (s) => statusListeners.forEach((l) => l(s)),
    patch() {
      const bytes = encoder.encode();
      encoder.discardChanges();
      serializer.patch(bytes, { offset: 0 });
      room.onStateChange.invoke(room.state);
    },
  };
}
