/**
 * The client's view of who is in the space: plain data that `client/net/` fills from the room state
 * and the avatar systems and UI read. Nothing outside net/ sees Colyseus types.
 */
import type { Pose } from '../../shared/protocol/pose.js';
import { PoseBuffer } from './poseBuffer.js';
import { Listeners } from '../core/listeners.js';

export interface AvatarInfo {
  readonly id: string;
  name: string;
  color: string;
  /** Avatar style id (SPEC AV1); an id this client does not know draws as the first style. */
  style: string;
  mode: string;
  /** False while their connection is lost and the server holds their seat. */
  connected: boolean;
  /** PoseFlag bits of their latest pose. */
  flags: number;
  /** May operate machines in this space (SPEC OP1). */
  operator: boolean;
  /** Meeting state (SPEC V5, V6, R1, R2): microphone muted, has a microphone, hand raised, host. */
  muted: boolean;
  mic: boolean;
  hand: boolean;
  host: boolean;
  /** Their client takes WebRTC calls (it said hello). */
  rtc: boolean;
  readonly poses: PoseBuffer;
}

type Listener = (avatar: AvatarInfo) => void;

export class AvatarStore {
  selfId: string | null = null;
  readonly avatars = new Map<string, AvatarInfo>();
  private readonly added = new Listeners<AvatarInfo>();
  private readonly removed = new Listeners<AvatarInfo>();
  private readonly changed = new Listeners<AvatarInfo>();

  upsert(id: string, meta: Omit<AvatarInfo, 'id' | 'poses'>): AvatarInfo {
    let a = this.avatars.get(id);
    if (!a) {
      a = { id, ...meta, poses: new PoseBuffer() };
      this.avatars.set(id, a);
      this.added.emit(a);
      return a;
    }
    if (
      a.name !== meta.name ||
      a.color !== meta.color ||
      a.style !== meta.style ||
      a.mode !== meta.mode ||
      a.connected !== meta.connected ||
      a.flags !== meta.flags ||
      a.muted !== meta.muted ||
      a.mic !== meta.mic ||
      a.hand !== meta.hand ||
      a.host !== meta.host ||
      a.rtc !== meta.rtc ||
      a.operator !== meta.operator
    ) {
      Object.assign(a, meta);
      this.changed.emit(a);
    }
    return a;
  }

  pushPose(id: string, t: number, pose: Pose, teleport: boolean): void {
    this.avatars.get(id)?.poses.push(t, pose, teleport);
  }

  remove(id: string): void {
    const a = this.avatars.get(id);
    if (!a) return;
    this.avatars.delete(id);
    this.removed.emit(a);
  }

  /** Everyone but me. */
  *others(): Iterable<AvatarInfo> {
    for (const a of this.avatars.values()) if (a.id !== this.selfId) yield a;
  }

  onAdded(l: Listener): () => void {
    return this.added.add(l);
  }

  onRemoved(l: Listener): () => void {
    return this.removed.add(l);
  }

  onChanged(l: Listener): () => void {
    return this.changed.add(l);
  }
}
