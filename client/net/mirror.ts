/**
 * Keeps the client's AvatarStore's people in step with the room state through Colyseus' change
 * callbacks: an avatar's metadata when one of its fields changed — work for the avatars a patch
 * touched, not for everyone. Poses do not travel in the state: poseFrames.ts reads them. Works the
 * same for a fresh room and for the new room object a reconnection returns.
 */
import type { AvatarState } from '../../shared/state/avatar.js';
import type { AvatarStore } from '../avatars/store.js';
import type { StateSync } from './stateSync.js';

function meta(a: AvatarState) {
  return {
    name: a.name,
    color: a.color,
    style: a.style,
    mode: a.mode,
    connected: a.connected,
    flags: a.flags,
    operator: a.operator,
    muted: a.muted,
    mic: a.mic,
    hand: a.hand,
    host: a.host,
    rtc: a.rtc,
  };
}

/** Keeps `store`'s people in step with the state until the returned function is called. */
export function attachMirror({ state, $, afterPatch }: StateSync, store: AvatarStore): () => void {
  /** What this patch's callbacks noted, by session id: metadata to copy at the patch's end. */
  const metaChanged = new Map<string, AvatarState>();
  let live = true;
  const flush = () => {
    for (const [id, a] of metaChanged) store.upsert(id, meta(a));
    metaChanged.clear();
  };
  const offs = [
    $(state).avatars.onAdd((a, id) => {
      store.upsert(id, meta(a));
      $(a).onChange(() => live && metaChanged.set(id, a));
    }),
    $(state).avatars.onRemove((_a, id) => {
      metaChanged.delete(id);
      store.remove(id);
    }),
    afterPatch(flush),
  ];
  // A reconnection's state: whoever left while we were away is gone.
  for (const id of [...store.avatars.keys()]) if (!state.avatars.has(id)) store.remove(id);
  flush();
  return () => {
    live = false;
    for (const off of offs) off();
  };
}
