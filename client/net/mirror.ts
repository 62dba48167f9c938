/**
 * Keeps the client's AvatarStore in step with the room state through Colyseus' change callbacks: an
 * avatar's metadata when one of its fields changed, and a timestamped pose snapshot when one of its
 * joints (or its pose flags) changed — work for the avatars a patch touched, not for everyone. Works
 * the same for a fresh room and for the new room object a reconnection returns.
 */
import { createPose, dequantizeUnit, type Joint } from '../../shared/protocol/pose.js';
import type { AvatarState, JointState } from '../../shared/state/avatar.js';
import type { AvatarStore } from '../avatars/store.js';
import type { StateSync } from './stateSync.js';

/** A head move larger than this between two patches is drawn as a jump, not a glide (metres). */
const JUMP_DISTANCE = 2;

const scratch = createPose();

function readJoint(s: JointState, out: Joint): void {
  out.px = s.px;
  out.py = s.py;
  out.pz = s.pz;
  out.qx = dequantizeUnit(s.qx);
  out.qy = dequantizeUnit(s.qy);
  out.qz = dequantizeUnit(s.qz);
  out.qw = dequantizeUnit(s.qw);
}

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

/** Pushes `a`'s current pose into its buffer at `now` (a long head move is drawn as a jump). */
function pushPose(store: AvatarStore, id: string, a: AvatarState, now: number): void {
  scratch.flags = a.flags;
  readJoint(a.head, scratch.head);
  readJoint(a.left, scratch.left);
  readJoint(a.right, scratch.right);
  const last = store.avatars.get(id)?.poses.latest();
  const jumped = last !== undefined && Math.hypot(last.head.px - scratch.head.px, last.head.pz - scratch.head.pz) > JUMP_DISTANCE;
  store.pushPose(id, now, scratch, jumped);
}

/**
 * Keeps `store` in step with the state until the returned function is called. `now` stamps the pose
 * snapshots (the time the patch arrived; a parameter so a test can hold the clock).
 */
export function attachMirror(
  { state, $, afterPatch }: StateSync,
  store: AvatarStore,
  now: () => number = () => performance.now(),
): () => void {
  /** What this patch's callbacks noted, by session id: metadata and poses to copy at the patch's end. */
  const metaChanged = new Map<string, AvatarState>();
  const moved = new Map<string, AvatarState>();
  let live = true;
  const flush = () => {
    for (const [id, a] of metaChanged) store.upsert(id, meta(a));
    metaChanged.clear();
    if (moved.size === 0) return;
    const t = now();
    for (const [id, a] of moved) pushPose(store, id, a, t);
    moved.clear();
  };
  const offs = [
    $(state).avatars.onAdd((a, id) => {
      store.upsert(id, meta(a));
      moved.set(id, a);
      const $a = $(a);
      $a.onChange(() => live && metaChanged.set(id, a));
      $a.listen('flags', () => live && moved.set(id, a), false);
      for (const joint of [$a.head, $a.left, $a.right]) joint.onChange(() => live && moved.set(id, a));
    }),
    $(state).avatars.onRemove((_a, id) => {
      metaChanged.delete(id);
      moved.delete(id);
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
