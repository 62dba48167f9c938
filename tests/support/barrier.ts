/**
 * A round trip to the server, for tests that must show something did NOT happen: instead of sleeping
 * and hoping, send a message the server answers and wait for the answer.
 *
 * The message is a type the server does not know: SPEC M1 answers it with `message.unknown_type` to
 * the sender only and changes nothing. Each round trip uses a type of its own, so M5's throttle (one
 * report per code and type a second) never holds an answer back. One socket keeps order both ways,
 * so once the answer is here the server has handled everything this client sent before it, and
 * everything the server sent this client before it has arrived.
 */
import type { Room } from 'colyseus.js';
import type { ErrorMessage } from '../../shared/protocol/messages.js';

const PREFIX = 'test.barrier.';
let counter = 0;

export interface Barrier {
  /** Resolves once the server has answered a message sent now. */
  roundTrip(): Promise<void>;
  /** Called with every `error` the client receives: true (and consumed) when it answers a round trip. */
  take(message: ErrorMessage): boolean;
}

export function barrier(room: Room): Barrier {
  const waiting = new Map<string, () => void>();
  return {
    roundTrip() {
      const type = `${PREFIX}${++counter}`;
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no answer to the round trip ${type} within 10 s`)), 10_000);
        waiting.set(type, () => {
          clearTimeout(timer);
          resolve();
        });
        room.send(type, {});
      });
    },
    take(message) {
      if (message.code !== 'message.unknown_type' || !message.ref.startsWith(PREFIX)) return false;
      waiting.get(message.ref)?.();
      waiting.delete(message.ref);
      return true;
    },
  };
}

/** Round trips through each client in turn: after A's answer, B's answer comes after anything A caused B to get. */
export async function roundTrips(...clients: { roundTrip(): Promise<void> }[]): Promise<void> {
  for (const c of clients) await c.roundTrip();
}
