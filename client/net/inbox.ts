/**
 * Server → client messages at the client's edge: every message of the protocol's server → client
 * table is checked against its validator before a handler sees it, so handlers get the payload type
 * the table declares (`on('chat.line', l => l.text)`) and never a cast of network JSON. A message that
 * fails its schema is dropped with one log line; the connection goes on (SPEC CL3).
 */
import { checkServerMessage, ServerMessages, type ServerMessage, type ServerMessageName } from '../../shared/protocol/table.js';

type Handler<N extends ServerMessageName> = (payload: ServerMessage<N>) => void;

/** Every server → client message name of the table (what a room registers handlers for). */
export const SERVER_MESSAGE_NAMES = Object.keys(ServerMessages) as ServerMessageName[];

export class ServerInbox {
  private readonly handlers = new Map<ServerMessageName, Set<(payload: never) => void>>();

  /** Calls `handler` with every valid `name` message from now on; returns the function that stops it. */
  on<N extends ServerMessageName>(name: N, handler: Handler<N>): () => void {
    let set = this.handlers.get(name);
    if (!set) this.handlers.set(name, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => void set.delete(handler as (payload: never) => void);
  }

  /** A message as it came off the wire: checked, then handed to each handler of its name. */
  deliver<N extends ServerMessageName>(name: N, raw: unknown): void {
    const checked = checkServerMessage(name, raw);
    if (!checked.ok) {
      console.warn(`[twinverse] dropped a malformed ${name} from the server: ${checked.problems}`);
      return;
    }
    const set = this.handlers.get(name);
    if (!set) return;
    for (const handler of set) {
      // One feature's failing handler must not keep the message from the others.
      try {
        (handler as Handler<N>)(checked.value);
      } catch (err) {
        console.error(`[twinverse] a ${name} handler failed`, err);
      }
    }
  }
}
