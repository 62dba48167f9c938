/**
 * How one remote person looks: a head that turns where they look (the visor shows it), a torso that
 * hangs below the head and turns with its heading, two hands, and a name tag facing the viewer.
 */
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Quaternion } from '@babylonjs/core/Maths/math.vector.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Pose } from '../../shared/protocol/pose.js';
import { yawOf } from '../../shared/space/spawn.js';
import { flipYaw, jointToBabylon } from '../render/frames.js';
import type { AvatarParts } from './avatarParts.js';
import { NameTag } from './nameTag.js';
import type { AvatarInfo } from './store.js';

const VISOR = new Color4(0.08, 0.1, 0.13, 1);
const OFFLINE = new Color4(0.55, 0.57, 0.6, 1);
/** Torso centre below the eyes, metres. */
const TORSO_DROP = 0.55;
const TAG_RISE = 0.32;

export class AvatarView {
  readonly head: InstancedMesh;
  readonly visor: InstancedMesh;
  readonly torso: InstancedMesh;
  readonly left: InstancedMesh;
  readonly right: InstancedMesh;
  readonly tag: NameTag;
  private readonly color = new Color4();

  constructor(scene: Scene, parts: AvatarParts, info: AvatarInfo) {
    const id = info.id;
    this.head = parts.instance('head', `head-${id}`, this.color);
    this.visor = parts.instance('visor', `visor-${id}`, VISOR);
    this.torso = parts.instance('torso', `torso-${id}`, this.color);
    this.left = parts.instance('hand', `left-${id}`, this.color);
    this.right = parts.instance('hand', `right-${id}`, this.color);
    for (const m of [this.head, this.visor, this.torso, this.left, this.right]) m.rotationQuaternion = new Quaternion();
    this.tag = new NameTag(scene, id);
    this.refresh(info);
  }

  /** Applies name, colour and connection state. */
  refresh(info: AvatarInfo): void {
    const c = info.connected ? Color3.FromHexString(info.color) : OFFLINE;
    this.color.set(c.r, c.g, c.b, 1);
    // Instanced buffers are read when the instance is drawn; reassigning marks them changed.
    for (const m of [this.head, this.torso, this.left, this.right]) m.instancedBuffers.color = this.color;
    this.tag.set({
      name: info.name,
      color: info.color,
      note: info.connected ? undefined : 'reconnecting…',
      muted: info.muted || !info.mic,
      hand: info.hand,
      host: info.host,
    });
  }

  /** Places every part from a protocol-frame pose. */
  apply(pose: Pose): void {
    jointToBabylon(pose.head, this.head.position, this.head.rotationQuaternion!);
    this.visor.position.copyFrom(this.head.position);
    this.visor.rotationQuaternion!.copyFrom(this.head.rotationQuaternion!);
    jointToBabylon(pose.left, this.left.position, this.left.rotationQuaternion!);
    jointToBabylon(pose.right, this.right.position, this.right.rotationQuaternion!);
    const yaw = flipYaw(yawOf(pose.head));
    this.torso.position.set(this.head.position.x, this.head.position.y - TORSO_DROP, this.head.position.z);
    Quaternion.RotationYawPitchRollToRef(yaw, 0, 0, this.torso.rotationQuaternion!);
    this.tag.mesh.position.set(this.head.position.x, this.head.position.y + TAG_RISE, this.head.position.z);
  }

  /** Where the head is drawn now (Babylon frame). */
  get headPosition(): Vector3 {
    return this.head.position;
  }

  dispose(): void {
    for (const m of [this.head, this.visor, this.torso, this.left, this.right]) m.dispose();
    this.tag.dispose();
  }
}
