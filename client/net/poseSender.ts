/**
 * Network out: sends my pose at most 30 times a second, and only when it moved past the threshold or
 * its flags changed (SPEC P2). A teleport is sent in the frame it happens, never dropped.
 */
import {
  createPose,
  copyPose,
  encodePose,
  maxJointDistance,
  maxJointTurn,
  POSE_BYTES,
  POSE_MAX_HZ,
  POSE_SEND_MIN_MOVE,
  POSE_SEND_MIN_TURN,
} from '../../shared/protocol/pose.js';
import type { LocalPose } from '../player/localPose.js';
import type { Frame, System } from '../core/system.js';
import type { SpaceConnection } from './connection.js';

const INTERVAL_MS = 1000 / POSE_MAX_HZ;

export function createPoseSender(connection: SpaceConnection, local: LocalPose): System & { sent: number } {
  const buffer = new Uint8Array(POSE_BYTES);
  // The server kept our last accepted pose and refuses walking from there (a recentred headset, a
  // stalled tab): resynchronise with a teleport, which the rules allow anywhere inside the space.
  const offError = connection.onServerError((e) => {
    if (e.code === 'pose.jump') local.markTeleport();
  });
  const lastSent = createPose();
  let lastAt = -Infinity;
  let hasSent = false;
  return {
    name: 'poseSender',
    sent: 0,
    update(frame: Frame) {
      // A small tolerance keeps a 30 Hz send rate on a 60 Hz display despite frame jitter. A teleport
      // goes out at once (the server's burst allows it): it is an event, not a sample.
      if (frame.now - lastAt < INTERVAL_MS - 2 && !local.hasPendingTeleport) return;
      if (connection.current.state !== 'connected') return;
      const pose = local.pose;
      const changed =
        !hasSent ||
        local.hasPendingTeleport ||
        pose.flags !== lastSent.flags ||
        maxJointDistance(pose, lastSent) >= POSE_SEND_MIN_MOVE ||
        maxJointTurn(pose, lastSent) >= POSE_SEND_MIN_TURN;
      if (!changed) return;
      const flags = pose.flags;
      pose.flags = local.takeFlags();
      connection.sendPose(encodePose(pose, buffer));
      pose.flags = flags;
      copyPose(pose, lastSent);
      lastAt = frame.now;
      hasSent = true;
      this.sent++;
    },
    dispose() {
      offError();
    },
  };
}
