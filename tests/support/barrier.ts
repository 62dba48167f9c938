/**
 * A round trip to the server, for tests that must show something did NOT happen: instead of sleeping
 * and hoping, send a `ping` and wait for its `pong` (SPEC M7: answered to the sender only, nothing
 * changes). One socket keeps order both ways, so once the answer is here the server has handled
 * everything this client sent before it, and everything the server sent this client before it has
 * arrived. (Not a refused message: refusals share one report a second per code, HD6 counts them.)
 */
import type { Room } from 'colyseus.js';

let counter = 0;

export interface Barrier {
  /** Resolves once the server has answered a message sent now. */
  roundTrip(): Promise<void>;
  /** Called with every `pong` the client receives: true when it answers a round trip. */
  take(message: { id: number }): boolean;
}

export function barrier(room: Room): Barrier {
  const waiting = new Map<number, () => void>();
  return {
    roundTrip() {
      const id = ++counter;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no pong for the round trip ${id} within 10 s`)), 10_000);
        waiting.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
        room.send('ping', { id });
      });
    },
    take(message) {
      const done = waiting.get(message.id);
      if (!done) return false;
      waiting.delete(message.id);
      done();
      return true;
    },
  };
}
/** Round trips through each client in turn: after A's answer, B's answer comes after anything A caused B to get. */
export async function roundTrips(...clients: { roundTrip(): Promise<void> }[]): Promise<void> {
  for (const c of clients) await c.roundTrip();
}
