/**
 * The path a moving twin took over the last minutes (SPEC GS5), drawn on the floor as a dotted line
 * that fades with age: one thin-instanced disc mesh per twin (one draw call), a dot each time it has
 * moved a quarter metre (the points: trailPath.ts; which ones, live or in a replay: trailFollower.ts).
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { protocolToBabylon } from '../render/frames.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { CreateDisc } from '@babylonjs/core/Meshes/Builders/discBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import '@babylonjs/core/Meshes/thinInstanceMesh.js';
import { MAX_DOTS, TRAIL_MS, TrailPath } from './trailPath.js';
import { markVirtual } from '../render/virtual.js';

/** Just above the floor, so the dots do not flicker against it. */
const FLOOR_Y = 0.015;

export class Trail {
  /** The dots' places and times. */
  readonly path = new TrailPath();
  private readonly mesh: Mesh;
  private readonly matrices = new Float32Array(MAX_DOTS * 16);
  private readonly colors = new Float32Array(MAX_DOTS * 4);
  private readonly scratch = new Matrix();
  private readonly at = new Vector3();

  constructor(
    scene: Scene,
    readonly twin: string,
    private readonly color: Color3,
  ) {
    this.mesh = CreateDisc(`${twin}/trail`, { radius: 0.1, tessellation: 10 }, scene);
    this.mesh.rotation.x = Math.PI / 2;
    this.mesh.bakeCurrentTransformIntoVertices();
    markVirtual(this.mesh);
    const mat = new StandardMaterial(`${twin}/trail`, scene);
    mat.disableLighting = true;
    mat.emissiveColor = Color3.White();
    this.mesh.material = mat;
    this.mesh.isPickable = false;
    this.mesh.thinInstanceSetBuffer('matrix', this.matrices, 16, false);
    this.mesh.thinInstanceSetBuffer('color', this.colors, 4, false);
    this.mesh.thinInstanceCount = 0;
  }

  /** Drops what is older than the window before `now` and writes the dots' places and fading colours. */
  refresh(now: number): void {
    this.path.expire(now);
    const points = this.path.points;
    const n = points.length;
    for (let i = 0; i < n; i++) {
      const p = points[i]!;
      protocolToBabylon(p.x, FLOOR_Y, p.z, this.at);
      Matrix.TranslationToRef(this.at.x, this.at.y, this.at.z, this.scratch);
      this.scratch.copyToArray(this.matrices, i * 16);
      const age = Math.min(1, Math.max(0, (now - p.t) / TRAIL_MS));
      const k = 1 - 0.75 * age;
      this.colors[i * 4] = this.color.r * k;
      this.colors[i * 4 + 1] = this.color.g * k;
      this.colors[i * 4 + 2] = this.color.b * k;
      this.colors[i * 4 + 3] = 1;
    }
    this.mesh.thinInstanceBufferUpdated('matrix');
    this.mesh.thinInstanceBufferUpdated('color');
    this.mesh.thinInstanceCount = n;
  }

  dispose(): void {
    this.mesh.material?.dispose();
    this.mesh.dispose();
  }
}
