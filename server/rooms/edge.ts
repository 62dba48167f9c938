/**
 * The room's edge: every client message passes here before any handler sees it, and is held to its
 * entry in the shared client → server table: its rate (per person and type) first, then for JSON its
 * schema; binary payloads go to their codec-owning route; a name outside the table is refused by
 * name. Handlers then authorise and change the state; no handler keeps a rate of its own.
 */
import type { Client, Room } from '@colyseus/core';
import { ClientMessages, isClientMessageName, type JsonClientMessageName } from '../../shared/protocol/table.js';
import { check, type z } from '../../shared/protocol/validation.js';
import type { JsonRoute, RoomContext } from '../core/context.js';
import type { BinaryRoutes, JsonRoutes } from '../core/feature.js';
import type { Participant } from '../core/participant.js';

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
