/**
 * A camera's screen in the space (SPEC VC1): a plane beside the camera, facing the way the camera
 * looks (so someone standing behind the camera sees the picture lined up with the scene), with a
 * caption plate above it — the camera's name, a live dot and the latency, or "offline since …" and
 * why. A mesh, not HTML, so it shows in VR too; the plane is pickable (a click or a ray opens it large).
 * Without a picture the screen says why on its face (SPEC VC4): a dark slab read as a broken screen.
 */
import { CreatePlane } from '@babylonjs/core/Meshes/Builders/planeBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Texture } from '@babylonjs/core/Materials/Textures/texture.js';
import { VideoTexture } from '@babylonjs/core/Materials/Textures/videoTexture.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { markInteractive } from '../input/interactive.js';
import { createTextPlane, type TextPlane } from '../ui3d/textPlane.js';
import { clockText } from '../core/clock.js';
import type { CameraPlacement } from './cameras.js';
import { markVirtual } from '../render/virtual.js';

/** A screen with no feed: dark slate. */
const BLANK = new Color3(0.08, 0.09, 0.11);

/** Screen width, metres. */
const WIDTH = 1.6;
/** Screen centre height above the floor, metres. */
const HEIGHT = 2.1;
/** The screen stands this far to the camera's right and behind its lens, metres. */
const SIDE = 1.05;
const BEHIND = 0.3;

/** What the caption says: live with latency, waiting, or offline since when and why. */
export interface ScreenStatus {
  online: boolean;
  /** Frames arrive on this client now. */
  playing: boolean;
  latencyMs: number;
  since: string;
  reason: string;
}

export class CameraScreen {
  readonly mesh: Mesh;
  private readonly caption: TextPlane;
  /** Words on the screen's face while it has no picture. */
  private readonly slate: TextPlane;
  private readonly material: StandardMaterial;
  private texture: VideoTexture | null = null;
  private large = false;

  constructor(
    private readonly scene: Scene,
    public camera: CameraPlacement,
  ) {
    const height = WIDTH / camera.ext.aspect;
    this.mesh = CreatePlane(`camera-screen-${camera.id}`, { width: WIDTH, height }, scene);
    this.place(camera);
    this.material = new StandardMaterial(`camera-screen-${camera.id}`, scene);
    // Unlit: with lighting off Babylon draws clamp(emissiveColor + ambient) × diffuseTexture (the lights'
    // diffuse term is zero, so a diffuse colour does nothing — a white diffuse over the feed drew black).
    // The feed shows as sent under a white emissive; a blank screen is its emissive colour alone.
    this.material.disableLighting = true;
    this.material.diffuseColor = Color3.Black();
    this.material.emissiveColor = BLANK.clone();
    this.material.backFaceCulling = false;
    this.mesh.material = this.material;
    markInteractive(this.mesh, { camera: camera.id });
    markVirtual(this.mesh);
    this.caption = createTextPlane(scene, `camera-caption-${camera.id}`, { width: WIDTH, height: 0.22, px: 640 });
    this.caption.mesh.parent = this.mesh;
    this.caption.mesh.position.set(0, height / 2 + 0.14, 0);
    this.slate = createTextPlane(scene, `camera-slate-${camera.id}`, { width: WIDTH * 0.8, height: height * 0.4, px: 512 });
    this.slate.mesh.parent = this.mesh;
    // Just in front of the face people see (they look along the plane's +Z).
    this.slate.mesh.position.set(0, 0, -0.01);
    this.slate.mesh.isPickable = false;
  }

  /** Stands the screen beside the lens (again when the camera twin moved, SPEC CP6). */
  place(camera: CameraPlacement): void {
    this.camera = camera;
    const { lens, yaw } = camera;
    // Protocol frame: looking along (−sin yaw, 0, −cos yaw); right is (cos yaw, 0, −sin yaw).
    const px = lens.x + SIDE * Math.cos(yaw) + BEHIND * Math.sin(yaw);
    const pz = lens.z - SIDE * Math.sin(yaw) + BEHIND * Math.cos(yaw);
    // Babylon is left-handed: z mirrored, and a plane's front faces a viewer looking along its local +Z.
    this.mesh.position.set(px, HEIGHT, -pz);
    this.mesh.rotation.y = -yaw;
  }

  /** Puts the feed's video element on the screen (once its stream arrives). */
  show(video: HTMLVideoElement): void {
    this.texture?.dispose();
    // Bilinear, no mipmaps: a sampler asking for mipmaps of a texture that has none reads black.
    this.texture = new VideoTexture(`camera-video-${this.camera.id}`, video, this.scene, false, false, Texture.BILINEAR_SAMPLINGMODE, {
      autoPlay: true,
      muted: true,
      loop: false,
      autoUpdateTexture: true,
    });
    this.material.diffuseTexture = this.texture;
    this.material.emissiveColor = Color3.White();
    this.slate.mesh.setEnabled(false);
  }

  /** No feed on this client (out of view, switched off): a dark screen, the caption still says how the camera is. */
  blank(): void {
    this.texture?.dispose();
    this.texture = null;
    this.material.diffuseTexture = null;
    this.material.emissiveColor = BLANK.clone();
    this.slate.mesh.setEnabled(true);
  }

  status(s: ScreenStatus): void {
    const title = this.camera.title;
    this.slate.draw(
      s.online
        ? [
            { text: 'No picture here', color: '#eef2f6', size: 0.3, bold: true },
            { text: 'out of view, or camera feeds are off', color: '#9fb0c0', size: 0.2 },
          ]
        : [
            { text: 'Camera offline', color: '#ff6b6b', size: 0.3, bold: true },
            { text: s.reason || 'no video', color: '#9fb0c0', size: 0.2 },
          ],
      'transparent',
    );
    if (!s.online) {
      // One time format for everything people read (SPEC UX1).
      const since = s.since && Number.isFinite(Date.parse(s.since)) ? clockText(Date.parse(s.since)) : '';
      this.caption.draw([
        { text: `● ${title} — offline${since ? ` since ${since}` : ''}`, color: '#ff6b6b', size: 0.42, bold: true },
        { text: s.reason || 'no video', color: '#c9d1d9', size: 0.3 },
      ]);
      return;
    }
    const latency = Number.isFinite(s.latencyMs) ? `${s.latencyMs} ms` : '…';
    this.caption.draw([
      { text: `${s.playing ? '●' : '○'} ${title}`, color: s.playing ? '#4cd964' : '#c9d1d9', size: 0.42, bold: true },
      {
        text: s.playing ? `live · latency ${latency}` : 'live · not shown here (out of view or switched off)',
        color: '#c9d1d9',
        size: 0.3,
      },
    ]);
  }

  /** The words on the screen's face, '' while it shows a picture (test API). */
  get slateText(): string {
    return this.slate.mesh.isEnabled() ? this.slate.text : '';
  }

  /** The caption's text (test API). */
  get captionText(): string {
    return this.caption.text;
  }

  /** Opens it large in place (in VR the ray's "open large"; the desktop also gets an overlay). */
  toggleLarge(): boolean {
    this.large = !this.large;
    this.mesh.scaling.setAll(this.large ? 2.5 : 1);
    return this.large;
  }

  /** The texture on the screen now (null when blank): the test API reads its pixels. */
  get videoTexture(): VideoTexture | null {
    return this.texture;
  }

  get isLarge(): boolean {
    return this.large;
  }

  dispose(): void {
    this.texture?.dispose();
    this.caption.dispose();
    this.slate.dispose();
    this.material.dispose();
    this.mesh.dispose();
  }
}
