/**
 * The path a moving twin took over the last minutes (SPEC GS5), drawn on the floor as a dotted line
 * that fades with age: one thin-instanced disc mesh per twin (one draw call), a dot each time it has
 * moved a quarter metre. Dots older than the window are dropped.
 */
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { protocolToBabylon } from '../render/frames.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { CreateDisc } from '@babylonjs/core/Meshes/Builders/discBuilder.js';
import type { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { Scene } from '@babylonjs/core/scene.js';
import '@babylonjs/core/Meshes/thinInstanceMesh.js';

/** How far back the path reaches, ms. */
export const TRAIL_MS = 3 * 60_000;
/** Distance between dots, metres. */
const SPACING_M = 0.25;
/** At most this many dots (3 min at 2 m/s, 4 per metre). */
const MAX_DOTS = 1500;
/** Just above the floor, so the dots do not flicker against it. */
const FLOOR_Y = 0.015;

export interface TrailPoint {
  /** Protocol frame, metres. */
  x: number;
  z: number;
  /** ms since the epoch. */
  t: number;
}

export class Trail {
  private readonly points: TrailPoint[] = [];
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
    const mat = new StandardMaterial(`${twin}/trail`, scene);
    mat.disableLighting = true;
    mat.emissiveColor = Color3.White();
    this.mesh.material = mat;
    this.mesh.isPickable = false;
    this.mesh.thinInstanceSetBuffer('matrix', this.matrices, 16, false);
    this.mesh.thinInstanceSetBuffer('color', this.colors, 4, false);
    this.mesh.thinInstanceCount = 0;
  }

  /** The dots as plain points, oldest first. */
  get path(): readonly TrailPoint[] {
    return this.points;
  }

  /** Where the twin is now (protocol frame); a dot when it moved far enough from the last one. */
  add(x: number, z: number, t: number): void {
    const last = this.points[this.points.length - 1];
    if (last && Math.hypot(x - last.x, z - last.z) < SPACING_M) return;
    // Points older than the newest come from history filled in late: keep the order by time.
    if (last && t < last.t) return;
    this.points.push({ x, z, t });
    if (this.points.length > MAX_DOTS) this.points.shift();
  }

  /** Points from before this page came (history), oldest first: kept where they are older than what it saw. */
  prepend(past: readonly TrailPoint[]): void {
    const first = this.points[0]?.t ?? Infinity;
    const older: TrailPoint[] = [];
    for (const p of past) {
      if (p.t >= first) break;
      const prev = older[older.length - 1];
      if (!prev || Math.hypot(p.x - prev.x, p.z - prev.z) >= SPACING_M) older.push(p);
    }
    this.points.unshift(...older.slice(-(MAX_DOTS - this.points.length)));
  }

  /** Drops what is older than the window and writes the dots' places and fading colours. */
  refresh(now: number): void {
    let drop = 0;
    while (drop < this.points.length && now - this.points[drop]!.t > TRAIL_MS) drop++;
    if (drop > 0) this.points.splice(0, drop);
    const n = this.points.length;
    for (let i = 0; i < n; i++) {
      const p = this.points[i]!;
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
