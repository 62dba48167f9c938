/**
 * My own pose in the protocol frame, written each frame by whoever drives the body (desktop
 * movement, or XR tracking) and read by the pose sender.
 */
import { createPose, PoseFlag, type Pose } from '../../shared/protocol/pose.js';

export class LocalPose {
  readonly pose: Pose = createPose();
  private teleportPending = false;

  /** The next pose sent carries the teleport flag (the server then allows the jump). */
  markTeleport(): void {
    this.teleportPending = true;
  }

  /** Flags to send with the current pose; consumes a pending teleport. */
  takeFlags(): number {
    const f = this.teleportPending ? this.pose.flags | PoseFlag.TELEPORT : this.pose.flags & ~PoseFlag.TELEPORT;
    this.teleportPending = false;
    return f;
  }

  get hasPendingTeleport(): boolean {
    return this.teleportPending;
  }
}
