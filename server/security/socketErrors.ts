/**
 * A client that sends an oversized or broken WebSocket frame makes the socket emit an error, which
 * Colyseus' transport logs at error level with a stack trace — a line an attacker can make as often
 * as they like. Such errors are the client's fault: one info line, no stack (SPEC HD7).
 */
import type { EventEmitter } from 'node:events';
import type { Logger } from '../log.js';

export function quietSocketErrors(wss: EventEmitter, log: Logger): void {
  // Registered after the transport's own `connection` listener, so its `error` listener is already on.
  wss.on('connection', (socket: EventEmitter) => {
    socket.removeAllListeners('error');
    socket.on('error', (err: Error & { code?: string }) =>
      log.info({ code: err.code, reason: err.message }, 'WebSocket frame refused; socket closed'),
    );
  });
}
