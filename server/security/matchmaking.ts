/**
 * The space room's matchmaking calls, as Colyseus' HTTP controller makes them.
 *
 * Colyseus' `create` opens a new room whatever `filterBy` says: for the space room it would split one
 * space into two rooms (and skip the first room's lock). Here `create` for that room type behaves as
 * `joinOrCreate`, so every matchmaking call reaches the one room of the space and its admission
 * (SPEC HD1). The room's own claim (spaceClaim.ts) still refuses a second room if one is ever asked for.
 *
 * A refusal of a room opened on another process keeps its code (./remoteRefusal.ts), so
 * the retryable 4430 of two rooms opening one instance is retried by the page, whichever process
 * opened the room (J6).
 */
import { matchMaker } from '@colyseus/core';
import { withOwnCode } from './remoteRefusal.js';

const wrapped = new Set<string>();

export function oneRoomPerSpace(roomName: string): void {
  // The controller is one per process; tests start several servers in one.
  if (wrapped.has(roomName)) return;
  wrapped.add(roomName);
  const controller = matchMaker.controller;
  const invoke = controller.invokeMethod;
  controller.invokeMethod = async function (method, name, ...rest) {
    if (name !== roomName) return invoke.call(this, method, name, ...rest);
    try {
      return await invoke.call(this, method === 'create' ? 'joinOrCreate' : method, name, ...rest);
    } catch (err) {
      throw withOwnCode(err);
    }
  };
}
