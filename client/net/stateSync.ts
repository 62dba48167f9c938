/**
 * The synced state as a sync module sees it: the state, Colyseus' change callbacks on it (`$`) and the
 * end of each patch. Sync modules register `onAdd`/`onRemove`/`onChange`/`listen` on what they mirror,
 * so a patch costs work only for what it changed, and flush what they noted once per patch — instead
 * of re-reading and comparing the whole state after every patch. Only client/net/ touches colyseus.js:
 * features get this object from the connection, never the room.
 */
import { getStateCallbacks, type Room } from 'colyseus.js';
import type { SpaceState } from '../../shared/state/space.js';

/** Colyseus' change callbacks (`$(state).twins.onAdd(…)`, `$(twin).onChange(…)`), for this room's state. */
export type StateCallbacks = ReturnType<typeof getStateCallbacks<SpaceState>>;

export interface StateSync {
  readonly state: SpaceState;
  readonly $: StateCallbacks;
  /**
   * Runs `l` after each patch, once every callback of the patch ran: where a sync module turns what
   * its callbacks noted into its store's changes (one per patch). Returns the function that stops it.
   */
  afterPatch(l: () => void): () => void;
}

/** The StateSync of `room`, whose first state has arrived (`$` wraps the room's decoder: one per room). */
export function createStateSync(room: Room<SpaceState>): StateSync {
  const $ = getStateCallbacks(room);
  if (!$) throw new Error('The room has no schema state to follow.');
  return {
    state: room.state,
    $,
    afterPatch(l) {
      const onPatch = () => l();
      room.onStateChange(onPatch);
      return () => room.onStateChange.remove(onPatch);
    },
  };
}
