/**
 * A small scene for the projection's pixel test (SPEC VC7; test builds only, tests/e2e/projection.test.ts):
 * a grey floor lit like the hall, a camera 4 m up looking down 45° (its housing round the lens, tagged
 * as the camera twin's model as the space's are), a box standing between it and the
 * floor, and the real projection (client/video/projection.ts) of a solid magenta "feed" — a canvas
 * stream played by a video element, as a camera's WebRTC track is. A viewer high on the side sees the
 * floor behind the box, which the camera cannot. A person-sized body tagged as existing only in the
 * space (client/render/virtual.ts, SPEC VC9) stands in the picture too: it must take no picture and
 * hide none. `window.projectionTest` projects and reads pixels.
 */
import { Engine } from '@babylonjs/core/Engines/engine.js';
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera.js';
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder.js';
import { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import { Scene } from '@babylonjs/core/scene.js';
import type { CameraPlacement } from '../video/cameras.js';
import { renderedMean, type PixelMean } from '../video/probe.js';
import { CameraProjection } from '../video/projection.js';
import { markVirtual } from '../render/virtual.js';

declare global {
  interface Window {
    projectionTest?: {
      /** Projects the feed (true) or stops (false); resolves once a picture has been drawn into it. */
      project(on: boolean): Promise<void>;
      /** The rendered frame's colour at a floor point (Babylon frame, y = 0). */
      floor(x: number, z: number): Promise<PixelMean | null>;
      /** The rendered frame's colour at any point (Babylon frame). */
      at(x: number, y: number, z: number): Promise<PixelMean | null>;
      /** Moves the box (Babylon frame): out of the way, the spot behind it takes the picture. */
      moveBox(x: number, z: number): void;
      casters(): number;
      /** Depth maps the scene renders: its lights with a shadow generator (SPEC VC10: one a projection). */
      depthMaps(): number;
    };
  }
}

/** The camera: 4 m up at the origin, looking along Babylon +Z (protocol −Z), 45° down. */
const CAMERA: CameraPlacement = {
  id: 'cam-test',
  title: 'Test camera',
  ext: {
    version: 1,
    source: 'test',
    position: [0, 4, 0],
    yawDeg: 0,
    pitchDeg: -45,
    fovDeg: 60,
    aspect: 16 / 9,
    width: 640,
    height: 360,
    fps: 15,
  },
  lens: { x: 0, y: 4, z: 0 },
  yaw: 0,
  twinAt: { x: 0, z: 0, qy: 0 },
};

const canvas = document.querySelector<HTMLCanvasElement>('#scene')!;
const engine = new Engine(canvas, false, { preserveDrawingBuffer: true });
const scene = new Scene(engine);
const viewer = new FreeCamera('viewer', new Vector3(-7, 7, 4), scene);
viewer.setTarget(new Vector3(0, 0, 4));
const sky = new HemisphericLight('sky', new Vector3(0.1, 1, -0.2), scene);
sky.intensity = 0.9;
const floorMaterial = new StandardMaterial('floor', scene);
floorMaterial.diffuseColor = new Color3(0.55, 0.57, 0.6);
floorMaterial.specularColor = Color3.Black();
const floor = CreateGround('floor', { width: 24, height: 24 }, scene);
floor.material = floorMaterial;
floor.position.z = 4;
// A 1 m box, 1.2 m high, on the floor between the camera and the axis' foot: from the lens it hides the
// floor from its far face (z = 3.5) to where the ray over its top edge lands (z ≈ 4.3).
const boxMaterial = new StandardMaterial('box', scene);
boxMaterial.diffuseColor = new Color3(0.2, 0.35, 0.6);
const box = CreateBox('box', { width: 1, depth: 1, height: 1.2 }, scene);
box.material = boxMaterial;
box.position.set(0, 0.6, 3);
// The camera's own housing round the lens, tagged as the camera twin's model: it must hide nothing.
const housing = CreateBox('housing', { width: 0.22, height: 0.18, depth: 0.4 }, scene);
housing.position.set(0, 4, 0);
housing.rotation.x = Math.PI / 4;
housing.metadata = { twin: CAMERA.id };
housing.material = boxMaterial;
// A person's body, 0.5 m wide and 1.8 m tall, in the picture to the right of the box: an avatar is only
// in the space (VC9). Tagged as the avatar system does, on a node its body is made under afterwards.
const avatar = new TransformNode('avatar', scene);
markVirtual(avatar);
const avatarMaterial = new StandardMaterial('avatar', scene);
avatarMaterial.diffuseColor = new Color3(0.85, 0.6, 0.35);
avatarMaterial.specularColor = Color3.Black();
const body = CreateBox('avatar-body', { width: 0.5, depth: 0.5, height: 1.8 }, scene);
body.parent = avatar;
body.material = avatarMaterial;
avatar.position.set(1.5, 0.9, 4.5);
// The hall freezes its materials for speed: so does this scene, so the projection must thaw them.
floorMaterial.freeze();
boxMaterial.freeze();

// The "feed": a solid magenta canvas, repainted so its stream keeps sending frames.
const source = document.createElement('canvas');
source.width = 160;
source.height = 90;
const g = source.getContext('2d')!;
let tick = 0;
const paint = () => {
  g.fillStyle = tick++ % 2 ? '#ff00ff' : '#fe00fe';
  g.fillRect(0, 0, source.width, source.height);
};
paint();
const video = document.createElement('video');
video.muted = true;
video.playsInline = true;
video.srcObject = source.captureStream(15);
void video.play();

let projection: CameraProjection | null = null;
engine.runRenderLoop(() => {
  paint();
  scene.render();
});

const nextFrames = (n: number) =>
  new Promise<void>((resolve) => {
    let left = n;
    const o = scene.onAfterRenderObservable.add(() => {
      if (--left > 0) return;
      scene.onAfterRenderObservable.remove(o);
      resolve();
    });
  });

const api: NonNullable<Window['projectionTest']> = {
  async project(on) {
    if (on && !projection) {
      projection = new CameraProjection(scene, CAMERA);
      projection.attach(video);
      while (projection.frames === 0) await nextFrames(1);
    } else if (!on && projection) {
      projection.dispose();
      projection = null;
    }
    // Frozen materials are thawed for a few frames to take the change: wait them out.
    await nextFrames(5);
  },
  floor: (x, z) => renderedMean(scene, new Vector3(x, 0, z)),
  at: (x, y, z) => renderedMean(scene, new Vector3(x, y, z)),
  moveBox(x, z) {
    box.position.x = x;
    box.position.z = z;
  },
  casters: () => projection?.casters ?? 0,
  depthMaps: () => scene.lights.filter((l) => l.getShadowGenerator()).length,
};
// Offered once every material has compiled: until then the frame is the clear colour, and a colour read
// "before" the projection would be that, not the floor's.
void scene.whenReadyAsync().then(() => {
  window.projectionTest = api;
});
