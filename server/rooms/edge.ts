/**
 * The room's edge: every client message passes here before any handler sees it, and is held to its
 * entry in the shared client → server table: its rate (per person and type) first, then for JSON its
 * schema; binary payloads go to their codec-owning route; a name outside the table is refused by
 * name. Handlers then authorise and change the state; no handler keeps a rate of its own.
 */
import type { Client, Room } from '@colyseus/core';
import { unpack } from '@colyseus/msgpackr';
import { ClientMessages, isClientMessageName, type JsonClientMessageName } from '../../shared/protocol/table.js';
import { check, type z } from '../../shared/protocol/validation.js';
import type { JsonRoute, RoomContext } from './context.js';
import type { BinaryRoutes, JsonRoutes } from './feature.js';
import type { Participant } from './participant.js';

/** Colyseus protocol byte of a JSON (msgpack) room message. */
const ROOM_DATA = 13;

export function installEdge(
  room: Room,
  ctx: RoomContext,
  participantOf: (client: Client) => Participant | undefined,
  json: JsonRoutes,
  binary: BinaryRoutes,
): void {
  for (const name of Object.keys(json) as JsonClientMessageName[]) {
    const route = json[name] as JsonRoute<unknown> | undefined;
    const entry = ClientMessages[name];
    // Each name's schema; the table's union of validators is widened to one for the loop.
    const schema = entry.schema as z.ZodMiniType<unknown>;
    if (!route) continue;
    room.onMessage(name, (client, message: unknown) => {
      const p = participantOf(client);
      if (!p) return;
      if (!p.allow(name, entry.rate, ctx.now())) return ctx.refuse(p, 'message.rate', name);
      const result = check(schema, message);
      if (!result.ok) return ctx.refuse(p, 'message.invalid', name, result.problems);
      route.handle(ctx, p, result.value);
    });
  }
  for (const [name, route] of Object.entries(binary)) {
    if (!isClientMessageName(name)) throw new Error(`binary route "${name}" is not in the client → server message table`);
    const entry = ClientMessages[name];
    if (entry.kind !== 'binary') throw new Error(`"${name}" is a JSON message in the table, not a binary one`);
    room.onMessage(name, (client, message: unknown) => {
      const p = participantOf(client);
      if (!p) return;
      // Sent with `send` instead of `sendBytes`: msgpack gave us something that is not bytes.
      if (!(message instanceof Uint8Array)) return ctx.refuse(p, 'message.invalid', name, 'expected binary (sendBytes)');
      if (!p.allow(name, entry.rate, ctx.now())) return ctx.refuse(p, entry.rateError, name);
      route.handle(ctx, p, message);
    });
  }
  room.onMessage('*', (client, type) => {
    const p = participantOf(client);
    if (p) ctx.refuse(p, 'message.unknown_type', String(type).slice(0, 64));
  });
}

/**
 * Colyseus disconnects a client whose JSON message does not decode (close 4002). We would rather
 * tell the sender and keep the session, so the room checks the frame first (SPEC M4).
 * Returns false when the frame was refused.
 */
export function admitFrame(buffer: Uint8Array, onMalformed: () => void): boolean {
  if (buffer[0] !== ROOM_DATA) return true;
  // Skip the type: a msgpack string (fixstr/str8) or number.
  let offset = 1;
  const t = buffer[offset];
  if (t === undefined) return refuse(onMalformed);
  if ((t & 0xe0) === 0xa0) offset += 1 + (t & 0x1f);
  else if (t === 0xd9) offset += 2 + (buffer[offset + 1] ?? 0);
  else if (t <= 0x7f) offset += 1;
  else if (t === 0xcc) offset += 2;
  else if (t === 0xcd) offset += 3;
  else return refuse(onMalformed);
  if (offset > buffer.byteLength) return refuse(onMalformed);
  if (offset === buffer.byteLength) return true;
  try {
    unpack(buffer.subarray(offset));
    return true;
  } catch {
    return refuse(onMalformed);
  }
}

function refuse(onMalformed: () => void): false {
  onMalformed();
  return false;
}
