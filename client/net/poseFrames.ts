/**
 * Network in for poses (SPEC PF1–PF4): reads the server's binary pose frames into the AvatarStore's
 * pose buffers, stamped with their arrival time. A record names its avatar by `AvatarState.slot`; a
 * record for a slot the state has not shown yet (the frame left before the patch that adds the
 * avatar) is held until the avatar arrives, so a newcomer who stands still is not lost.
 */
import { createPose, copyPose, PoseFlag, type Pose } from '../../shared/protocol/pose.js';
import { JUMP_SLACK, MAX_WALK_GAP, MAX_WALK_SPEED } from '../../shared/protocol/poseRules.js';
import { poseFrameBounds, readPoseFrame } from '../../shared/protocol/poseFrame.js';
import { hallBounds } from '../../shared/space/layout.js';
import type { AvatarStore } from '../avatars/store.js';
import type { StateSync } from './stateSync.js';

export interface PoseFrames {
  /** Reads one frame as it came off the wire. */
  receive(bytes: Uint8Array): void;
  /** Resolves when the server has told us where we stand (our own first pose). */
  readonly placed: Promise<void>;
  dispose(): void;
}

/**
 * Follows `sync`'s avatars (for their slots) and pushes each frame's poses into `store`. `now` stamps
 * the poses (ms; a parameter so a test can hold the clock).
 */
export function attachPoseFrames(sync: StateSync, store: AvatarStore, now: () => number = () => performance.now()): PoseFrames {
  const { state, $ } = sync;
  const bounds = poseFrameBounds(hallBounds(state.space));
  const idOf = new Map<number, string>();
  const pending = new Map<number, Pose>();
  const lastAt = new Map<string, number>();
  const scratch = createPose();
  let markPlaced: () => void = () => undefined;
  const placed = new Promise<void>((resolve) => (markPlaced = resolve));

  const push = (id: string, pose: Pose, t: number): void => {
    if (id === store.selfId) markPlaced();
    const last = store.avatars.get(id)?.poses.latest();
    const gap = Math.min((t - (lastAt.get(id) ?? t)) / 1000, MAX_WALK_GAP);
    // A teleport, or a move too long to have been walked since the last pose we heard (a far avatar at
    // 2 Hz walks up to 3 m between two), is drawn as a jump, not a glide through the hall.
    const jumped =
      (pose.flags & PoseFlag.TELEPORT) !== 0 ||
      (last !== undefined && Math.hypot(last.head.px - pose.head.px, last.head.pz - pose.head.pz) > MAX_WALK_SPEED * gap + JUMP_SLACK);
    lastAt.set(id, t);
    store.pushPose(id, t, pose, jumped);
  };

  const offs = [
    // The slot is read through its own listener: when onAdd runs, the new avatar's fields may not
    // be decoded yet.
    $(state).avatars.onAdd((a, id) => {
      $(a).listen('slot', (slot) => {
        idOf.set(slot, id);
        const held = pending.get(slot);
        if (held && store.avatars.has(id)) {
          pending.delete(slot);
          push(id, held, now());
        }
      });
    }),
    $(state).avatars.onRemove((a, id) => {
      if (idOf.get(a.slot) === id) idOf.delete(a.slot);
      lastAt.delete(id);
    }),
  ];

  return {
    placed,
    receive(bytes) {
      const t = now();
      const problem = readPoseFrame(bytes, bounds, scratch, (slot, pose) => {
        const id = idOf.get(slot);
        if (id !== undefined && store.avatars.has(id)) push(id, pose, t);
        else pending.set(slot, copyPose(pose, pending.get(slot) ?? createPose()));
      });
      if (problem) console.warn(`[twinverse] dropped a malformed pose frame from the server: ${problem} (${bytes.byteLength} bytes)`);
    },
    dispose() {
      for (const off of offs) off();
    },
  };
}
