/**
 * A camera's live picture projected onto the geometry it sees (SPEC VC5): a spot light at the lens,
 * aimed as the camera looks, whose projection texture is the feed — so the picture lies on the floor,
 * the machines and the walls where they really are. The projection uses the camera's own vertical
 * field of view and aspect (Babylon's spot light would project a square picture over its cone angle).
 *
 * The light's cone is round and covers the whole picture; outside the picture the projection texture
 * would repeat its edge pixels, so the feed is drawn into a canvas inside a black border (black changes
 * no light: those surfaces keep their own look). A light that only adds would change nothing: the
 * hall's floor is lit to full already. So the light is of negative colour and projects the feed
 * inverted: it takes the hall's light out where the picture is dark and leaves it where the picture
 * is bright — the picture, drawn with the hall's own light. An earlier version had two lights (one
 * taking the light out through a white rectangle, one adding the picture) and so two depth maps; the
 * one inverted light gives the same look where the floor is lit to full at half the cost (SPEC VC10).
 * One camera projects at a time (materials take 4 lights).
 * The frustum is drawn faintly while it projects. The light is occluded by a depth map from the
 * lens (occlusion.ts, SPEC VC7): what the real camera cannot see keeps its own look. What exists only in
 * the space (avatars, tags, panels …, client/render/virtual.ts) neither takes the picture nor hides it (VC9). A camera twin
 * that moves (SPEC CP6) takes its projection with it (`place`).
 */
import { SpotLight } from '@babylonjs/core/Lights/spotLight.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { Texture } from '@babylonjs/core/Materials/Textures/texture.js';
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color.js';
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateLineSystem } from '@babylonjs/core/Meshes/Builders/linesBuilder.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import type { LinesMesh } from '@babylonjs/core/Meshes/linesMesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { CameraPlacement } from './cameras.js';
import type { Observer } from '@babylonjs/core/Misc/observable.js';
import { ProjectionOcclusion } from './occlusion.js';
import { relightFrozen } from './relight.js';
import { markVirtual, VIRTUAL_LAYER } from '../render/virtual.js';

/** Projection canvas width, pixels (height from the aspect): enough for a picture spread over metres. */
const CANVAS_W = 480;
/** Black border drawn round the picture, pixels (see the file comment). */
const BORDER = 2;
/** Nearest and farthest surface the picture lands on, metres. */
const NEAR_M = 0.2;
const FAR_M = 40;
/** Light taken out where the picture is black (see the file comment): more than the hall's full light. */
const INTENSITY = 2;
/** The frustum lines' length, metres, and how faint they are. */
const FRUSTUM_M = 6;
const FRUSTUM_ALPHA = 0.35;

/** Where the lens is and which way it looks, in Babylon's frame (left-handed: protocol z mirrored). */
export function lensInBabylon(c: CameraPlacement): { position: Vector3; direction: Vector3 } {
  const pitch = (c.ext.pitchDeg * Math.PI) / 180;
  // Protocol frame: yaw 0 looks along −Z, positive turns left; mirrored z for Babylon.
  const direction = new Vector3(-Math.sin(c.yaw) * Math.cos(pitch), Math.sin(pitch), Math.cos(c.yaw) * Math.cos(pitch));
  return { position: new Vector3(c.lens.x, c.lens.y, -c.lens.z), direction: direction.normalize() };
}

/**
 * A floor point (y = 0, Babylon frame) in the camera's picture: under its heading, `fraction` of the
 * way from the pole's foot to where the optical axis meets the floor (½: nearer than the axis' foot,
 * which machines often hide, and still in the picture). Null when the camera looks up.
 */
export function floorInPicture(c: CameraPlacement, fraction = 0.5): Vector3 | null {
  const { position, direction } = lensInBabylon(c);
  if (direction.y >= -1e-3) return null;
  const foot = position.add(direction.scale(-position.y / direction.y));
  return new Vector3(position.x + (foot.x - position.x) * fraction, 0, position.z + (foot.z - position.z) * fraction);
}

/**
 * Whether `mesh` is this camera twin's own model (its housing holds the lens): it hides nothing from
 * the real camera. What exists only in the space is left out by its tag (client/render/virtual.ts,
 * SPEC VC9); twins' models, the hall and buildings cast.
 */
function ownModel(mesh: AbstractMesh, cameraId: string): boolean {
  for (let m: AbstractMesh | null = mesh; m; m = m.parent as AbstractMesh | null) {
    const tag = m.metadata as { twin?: string } | null;
    if (tag?.twin) return tag.twin === cameraId;
  }
  return false;
}

export class CameraProjection {
  private readonly light: SpotLight;
  private readonly texture: DynamicTexture;
  private frustum: LinesMesh;
  private readonly occlusion: ProjectionOcclusion;
  private video: HTMLVideoElement | null = null;
  /** The video's time when its picture was last drawn in (a new time: a new picture to draw). */
  private drawnAt = -1;
  private readonly drawer: Observer<Scene>;
  /** Pictures drawn into the projection so far (test API). */
  frames = 0;

  constructor(
    private readonly scene: Scene,
    public camera: CameraPlacement,
  ) {
    const { aspect, fovDeg } = camera.ext;
    const { position, direction } = lensInBabylon(camera);
    const tanV = Math.tan((fovDeg * Math.PI) / 360);
    const h = Math.round(CANVAS_W / aspect);
    this.texture = this.canvasTexture(`camera-projection-${camera.id}`, h);
    this.blackOut();
    this.light = this.spot(`camera-projection-${camera.id}`, position, direction, tanV, aspect, this.texture);
    this.frustum = this.drawFrustum(position, direction, tanV, aspect);
    this.occlusion = new ProjectionOcclusion(scene, this.light, (mesh) => ownModel(mesh, camera.id));
    // After the occlusion: its depth maps and receiving surfaces change the materials' shaders too.
    relightFrozen(scene);
    this.drawer = scene.onBeforeRenderObservable.add(() => this.drawIfNew());
  }

  /**
   * The camera twin moved (SPEC VC8; CP6, CP7: a phone reports where it is and faces): the lens, its
   * aim, the frustum and the depth map go with it. Field of view and aspect are the camera's own and do not change.
   */
  place(camera: CameraPlacement): void {
    this.camera = camera;
    const { position, direction } = lensInBabylon(camera);
    this.light.position = position.clone();
    this.light.direction = direction.clone();
    this.frustum.dispose();
    this.frustum = this.drawFrustum(position, direction, Math.tan((camera.ext.fovDeg * Math.PI) / 360), camera.ext.aspect);
    // The depth map is rendered from the light each frame: it follows by itself.
  }

  /** Where the projection's lens is now, Babylon frame (test API). */
  get lensAt(): [number, number, number] {
    const p = this.light.position;
    return [p.x, p.y, p.z];
  }

  /** Which way the projection looks now, Babylon frame, unit length (test API). */
  get aimAt(): [number, number, number] {
    const d = this.light.direction;
    return [d.x, d.y, d.z];
  }

  /** Meshes that can hide part of the picture (test API). */
  get casters(): number {
    return this.occlusion.casters;
  }

  /** Projects this video (the camera's feed on this client); null: nothing (a black picture changes no light). */
  attach(video: HTMLVideoElement | null): void {
    if (this.video === video) return;
    this.video = video;
    this.drawnAt = -1;
    if (!video) this.blackOut();
  }

  /**
   * Before each frame the scene draws, a new picture of the video goes into the projection. Not the
   * video's own frame callback: in an XR session (seen with the emulated Quest) the page's frame
   * callbacks stop while the session's frames run, and a projection from VR stayed black (SPEC VC6).
   */
  private drawIfNew(): void {
    const video = this.video;
    if (!video || video.readyState < 2 || video.currentTime === this.drawnAt) return;
    this.drawnAt = video.currentTime;
    this.drawFrame(video);
  }

  dispose(): void {
    this.scene.onBeforeRenderObservable.remove(this.drawer);
    this.attach(null);
    this.occlusion.dispose();
    this.light.dispose();
    this.texture.dispose();
    this.frustum.dispose();
    relightFrozen(this.scene);
  }

  private canvasTexture(name: string, height: number): DynamicTexture {
    const t = new DynamicTexture(name, { width: CANVAS_W, height }, this.scene, false, Texture.BILINEAR_SAMPLINGMODE);
    t.wrapU = t.wrapV = Texture.CLAMP_ADDRESSMODE;
    return t;
  }

  /** A spot light at the lens projecting `texture` over the camera's frustum, taking light away (negative colour). */
  private spot(name: string, position: Vector3, direction: Vector3, tanV: number, aspect: number, texture: DynamicTexture): SpotLight {
    // The cone must hold the picture's corners: its half-angle is the half-diagonal's.
    const cone = 2 * Math.atan(tanV * Math.hypot(1, aspect));
    const light = new SpotLight(name, position, direction, cone, 0, this.scene);
    light.diffuse = new Color3(-1, -1, -1);
    light.specular = Color3.Black();
    light.intensity = INTENSITY;
    light.projectionTextureLightNear = NEAR_M;
    light.projectionTextureLightFar = FAR_M;
    // The depth map's range (occlusion.ts): left unset, Babylon takes the viewer's camera's (1 m–10 km)
    // and a depth bias of that range swallows every machine in the picture.
    light.shadowMinZ = NEAR_M;
    light.shadowMaxZ = FAR_M;
    // Babylon's own projection is square over the cone; this one is the camera's (row-major, left-handed).
    const p = FAR_M / (FAR_M - NEAR_M);
    const s = 1 / tanV;
    light.projectionTextureProjectionLightMatrix = Matrix.FromValues(s / aspect, 0, 0, 0, 0, s, 0, 0, 0, 0, p, 1, 0, 0, -p * NEAR_M, 0);
    light.projectionTexture = texture;
    // What exists only in the space takes no picture (SPEC VC9).
    light.excludeWithLayerMask = VIRTUAL_LAYER;
    return light;
  }

  private drawFrame(video: HTMLVideoElement): void {
    // A browser's 2D context (Babylon's own interface lacks the compositing this needs).
    const g = this.texture.getContext() as unknown as CanvasRenderingContext2D;
    const { width, height } = this.texture.getSize();
    g.fillStyle = '#000';
    g.fillRect(0, 0, width, height);
    g.drawImage(video, BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER);
    // Inverted (1 − colour), the border left black: the light is negative, so a bright pixel of the
    // picture must take little of the hall's light away and a dark one much (see the file comment).
    g.globalCompositeOperation = 'difference';
    g.fillStyle = '#fff';
    g.fillRect(BORDER, BORDER, width - 2 * BORDER, height - 2 * BORDER);
    g.globalCompositeOperation = 'source-over';
    this.texture.update(true);
    this.frames++;
  }

  private blackOut(): void {
    const g = this.texture.getContext();
    const { width, height } = this.texture.getSize();
    g.fillStyle = '#000';
    g.fillRect(0, 0, width, height);
    this.texture.update(true);
  }

  private drawFrustum(position: Vector3, direction: Vector3, tanV: number, aspect: number): LinesMesh {
    const right = Vector3.Cross(Vector3.Up(), direction).normalize();
    const up = Vector3.Cross(direction, right).normalize();
    const corner = (sx: number, sy: number) =>
      position.add(
        direction
          .add(right.scale(sx * tanV * aspect))
          .add(up.scale(sy * tanV))
          .scale(FRUSTUM_M),
      );
    const c = [corner(-1, 1), corner(1, 1), corner(1, -1), corner(-1, -1)];
    const lines = [...c.map((k) => [position, k]), [...c, c[0]!]];
    const colour = new Color4(0.55, 0.85, 1, FRUSTUM_ALPHA);
    const mesh = CreateLineSystem(
      `camera-frustum-${this.camera.id}`,
      { lines, colors: lines.map((l) => l.map(() => colour)), useVertexAlpha: true },
      this.scene,
    );
    mesh.isPickable = false;
    markVirtual(mesh);
    return mesh;
  }
}
