/**
 * Copies the room state into the client's AvatarStore after every patch: metadata when it changed,
 * and a timestamped pose snapshot when the pose moved. Works the same for a fresh room and for the
 * new room object a reconnection returns.
 */
import type { Room } from 'colyseus.js';
import { createPose, dequantizeUnit, type Joint, type Pose } from '../../shared/protocol/pose.js';
import type { JointState } from '../../shared/state/avatar.js';
import type { SpaceState } from '../../shared/state/space.js';
import type { AvatarStore } from '../avatars/store.js';

/** A head move larger than this between two patches is drawn as a jump, not a glide (metres). */
const JUMP_DISTANCE = 2;

const scratch = createPose();
const seen = new Set<string>();

function readJoint(s: JointState, out: Joint): void {
  out.px = s.px;
  out.py = s.py;
  out.pz = s.pz;
  out.qx = dequantizeUnit(s.qx);
  out.qy = dequantizeUnit(s.qy);
  out.qz = dequantizeUnit(s.qz);
  out.qw = dequantizeUnit(s.qw);
}

function samePose(a: Pose, b: Pose): boolean {
  const j = (x: Joint, y: Joint) =>
    x.px === y.px && x.py === y.py && x.pz === y.pz && x.qx === y.qx && x.qy === y.qy && x.qz === y.qz && x.qw === y.qw;
  return a.flags === b.flags && j(a.head, b.head) && j(a.left, b.left) && j(a.right, b.right);
}

/** Applies the room's current state to `store`; call after each patch. */
export function mirrorState(state: SpaceState, store: AvatarStore, now: number): void {
  seen.clear();
  state.avatars.forEach((a, id) => {
    seen.add(id);
    const info = store.upsert(id, {
      name: a.name,
      color: a.color,
      mode: a.mode,
      connected: a.connected,
      flags: a.flags,
      operator: a.operator,
      muted: a.muted,
      mic: a.mic,
      hand: a.hand,
      host: a.host,
      rtc: a.rtc,
    });
    scratch.flags = a.flags;
    readJoint(a.head, scratch.head);
    readJoint(a.left, scratch.left);
    readJoint(a.right, scratch.right);
    const last = info.poses.latest();
    if (last && samePose(last, scratch)) return;
    const jumped = last !== undefined && Math.hypot(last.head.px - scratch.head.px, last.head.pz - scratch.head.pz) > JUMP_DISTANCE;
    store.pushPose(id, now, scratch, jumped);
  });
  for (const id of [...store.avatars.keys()]) if (!seen.has(id)) store.remove(id);
}

/** Keeps `store` in step with `room` until the returned function is called. */
export function attachMirror(room: Room<SpaceState>, store: AvatarStore): () => void {
  store.selfId = room.sessionId;
  const onPatch = (state: SpaceState) => mirrorState(state, store, performance.now());
  room.onStateChange(onPatch);
  return () => room.onStateChange.remove(onPatch);
}
