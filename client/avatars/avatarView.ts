/**
 * How one remote person looks: their style's head that turns where they look (the face or visor shows
 * it), a torso that hangs below the head and turns with its heading, two hands, and a name tag facing
 * the viewer.
 */
import type { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Quaternion } from '@babylonjs/core/Maths/math.vector.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import type { InstancedMesh } from '@babylonjs/core/Meshes/instancedMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Pose } from '../../shared/protocol/pose.js';
import { yawOf } from '../../shared/space/spawn.js';
import { flipYaw, jointToBabylon } from '../render/frames.js';
import { styleOf, type AvatarStyleId } from '../../shared/avatar/styles.js';
import type { AvatarParts } from './avatarParts.js';
import { NameTag } from './nameTag.js';
import type { AvatarInfo } from './store.js';

/** Visor glass and pupils; light strips, lenses and eye whites. */
const DARK = new Color4(0.06, 0.08, 0.11, 1);
const LIGHT = new Color4(0.88, 0.97, 1, 1);
const OFFLINE = new Color4(0.55, 0.57, 0.6, 1);
/** Torso centre below the eyes, metres. */
const TORSO_DROP = 0.55;
const TAG_RISE = 0.32;

export class AvatarView {
  head!: InstancedMesh;
  /** Eyes, visor or lens (SPEC AV1), dark and light parts in fixed colours, turned with the head. */
  faceDark!: InstancedMesh;
  faceLight!: InstancedMesh;
  torso!: InstancedMesh;
  readonly left: InstancedMesh;
  readonly right: InstancedMesh;
  readonly tag: NameTag;
  private style: AvatarStyleId | null = null;
  private readonly color = new Color4();

  constructor(
    scene: Scene,
    private readonly parts: AvatarParts,
    private readonly info: AvatarInfo,
  ) {
    const id = info.id;
    this.left = parts.handInstance(`left-${id}`, this.color);
    this.right = parts.handInstance(`right-${id}`, this.color);
    this.left.rotationQuaternion = new Quaternion();
    this.right.rotationQuaternion = new Quaternion();
    this.tag = new NameTag(scene, id);
    this.refresh(info);
  }

  /** The style drawn now (test API). */
  get styleId(): AvatarStyleId {
    return this.style ?? styleOf(this.info.style);
  }

  /** Swaps head, face and torso for another style's, keeping where they stand. */
  private wear(style: AvatarStyleId): void {
    if (style === this.style) return;
    const id = this.info.id;
    const old = this.style ? [this.head, this.faceDark, this.faceLight, this.torso] : [];
    this.head = this.parts.instance(style, 'head', `head-${id}`, this.color);
    this.faceDark = this.parts.instance(style, 'dark', `face-${id}`, DARK);
    this.faceLight = this.parts.instance(style, 'light', `eyes-${id}`, LIGHT);
    this.torso = this.parts.instance(style, 'torso', `torso-${id}`, this.color);
    for (const [i, m] of [this.head, this.faceDark, this.faceLight, this.torso].entries()) {
      m.rotationQuaternion = new Quaternion();
      const was = old[i];
      if (was) {
        m.position.copyFrom(was.position);
        m.rotationQuaternion.copyFrom(was.rotationQuaternion!);
        was.dispose();
      }
    }
    this.style = style;
  }

  /** Applies name, colour, style and connection state. */
  refresh(info: AvatarInfo): void {
    this.wear(styleOf(info.style));
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
    for (const f of [this.faceDark, this.faceLight]) {
      f.position.copyFrom(this.head.position);
      f.rotationQuaternion!.copyFrom(this.head.rotationQuaternion!);
    }
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
    for (const m of [this.head, this.faceDark, this.faceLight, this.torso, this.left, this.right]) m.dispose();
    this.tag.dispose();
  }
}
