/**
 * Colyseus' `create` opens a new room whatever `filterBy` says: for the space room it would split one
 * space into two rooms (and skip the first room's lock). Here `create` for that room type behaves as
 * `joinOrCreate`, so every matchmaking call reaches the one room of the space and its admission
 * (SPEC HD1). The room's own claim (spaceClaim.ts) still refuses a second room if one is ever asked for.
 */
import { matchMaker } from '@colyseus/core';

const wrapped = new Set<string>();

export function oneRoomPerSpace(roomName: string): void {
  // The controller is one per process; tests start several servers in one.
  if (wrapped.has(roomName)) return;
  wrapped.add(roomName);
  const controller = matchMaker.controller;
  const invoke = controller.invokeMethod;
  controller.invokeMethod = function (method, name, ...rest) {
    return invoke.call(this, method === 'create' && name === roomName ? 'joinOrCreate' : method, name, ...rest);
  };
}
