/**
 * Static geometry batching: primitives are placed, coloured per vertex and merged into one mesh per
 * material. A whole hall of racks, beams and lamps then costs a handful of draw calls (the Quest
 * budget in ARCHITECTURE.md), and its world matrices and materials are frozen.
 */
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { VertexBuffer } from '@babylonjs/core/Buffers/buffer.js';
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import type { Material } from '@babylonjs/core/Materials/material.js';
import type { Scene } from '@babylonjs/core/scene.js';

export interface Placement {
  x: number;
  y: number;
  z: number;
  /** Rotation about Y, radians. */
  ry?: number;
  /** Rotation about X, radians. */
  rx?: number;
  /** Rotation about Z, radians. */
  rz?: number;
}

export class Batch {
  private readonly parts: Mesh[] = [];

  constructor(
    private readonly scene: Scene,
    readonly name: string,
  ) {}

  /** A box of size (w, h, d) whose centre is at `at`. */
  box(w: number, h: number, d: number, color: string, at: Placement): void {
    this.add(CreateBox(`${this.name}-box`, { width: w, height: h, depth: d }, this.scene), color, at);
  }

  /** A vertical cylinder of `diameter` and `height` whose centre is at `at`. */
  cylinder(diameter: number, height: number, color: string, at: Placement, tessellation = 12): void {
    this.add(CreateCylinder(`${this.name}-cyl`, { diameter, height, tessellation }, this.scene), color, at);
  }

  add(mesh: Mesh, color: string, at: Placement): void {
    mesh.position.set(at.x, at.y, at.z);
    mesh.rotation.set(at.rx ?? 0, at.ry ?? 0, at.rz ?? 0);
    mesh.bakeCurrentTransformIntoVertices();
    const c = Color3.FromHexString(color);
    const count = mesh.getTotalVertices();
    const colors = new Float32Array(count * 4);
    for (let i = 0; i < count; i++) colors.set([c.r, c.g, c.b, 1], i * 4);
    mesh.setVerticesData(VertexBuffer.ColorKind, colors);
    this.parts.push(mesh);
  }

  /** Merges everything added into one frozen mesh with `material`; null when nothing was added. */
  build(material: Material): Mesh | null {
    if (this.parts.length === 0) return null;
    const merged = Mesh.MergeMeshes(this.parts, true, true);
    this.parts.length = 0;
    if (!merged) return null;
    merged.name = this.name;
    merged.material = material;
    merged.isPickable = false;
    merged.freezeWorldMatrix();
    merged.doNotSyncBoundingInfo = true;
    return merged;
  }
}
