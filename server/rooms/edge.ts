/**
 * The room's edge: every client message passes here before any handler sees it. JSON messages are
 * checked against the shared message table (schema, rate); binary ones go to their codec-owning route;
 * anything else is refused by name. Handlers then authorise and change the state.
 */
import type { Client, Room } from '@colyseus/core';
import { ClientMessages, type ClientMessageName } from '../../shared/protocol/table.js';
import { check, type z } from '../../shared/protocol/validation.js';
import type { JsonRoute, RoomContext } from './context.js';
import type { BinaryRoutes, JsonRoutes } from './feature.js';
import type { Participant } from './participant.js';

export function installEdge(
  room: Room,
  ctx: RoomContext,
  participantOf: (client: Client) => Participant | undefined,
  json: JsonRoutes,
  binary: BinaryRoutes,
): void {
  for (const name of Object.keys(json) as ClientMessageName[]) {
    const route = json[name] as JsonRoute<unknown> | undefined;
    // Each name's schema; the table's union of validators is widened to one for the loop.
    const schema = ClientMessages[name] as z.ZodMiniType<unknown>;
    if (!route) continue;
    room.onMessage(name, (client, message: unknown) => {
      const p = participantOf(client);
      if (!p) return;
      if (!p.allow(name, route.rate, ctx.now())) return ctx.refuse(p, 'message.rate', name);
      const result = check(schema, message);
      if (!result.ok) return ctx.refuse(p, 'message.invalid', name, result.problems);
      route.handle(ctx, p, result.value);
    });
  }
  for (const [name, route] of Object.entries(binary)) {
    room.onMessage(name, (client, message: unknown) => {
      const p = participantOf(client);
      if (!p) return;
      // Sent with `send` instead of `sendBytes`: msgpack gave us something that is not bytes.
      if (!(message instanceof Uint8Array)) return ctx.refuse(p, 'message.invalid', name, 'expected binary (sendBytes)');
      route.handle(ctx, p, message);
    });
  }
  room.onMessage('*', (client, type) => {
    const p = participantOf(client);
    if (p) ctx.refuse(p, 'message.unknown_type', String(type).slice(0, 64));
  });
}
