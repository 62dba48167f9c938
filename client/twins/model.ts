/**
 * Builds a machine's 3D model from its definition's primitive recipe (twin frame: the protocol's
 * conventions, metres, rotations in degrees about x then y then z). Every part is its own mesh (parts
 * spin, fill, move and are picked one by one). Parts a binding colours get their own material; the
 * rest of a machine share one "body" material and carry their colour as vertex colours (the XR
 * budget counts materials). Parts nothing moves, colours or carries are then drawn as one mesh per
 * machine (`mergeStaticParts`): a machine costs a few draw calls, not one per primitive.
 */
import { CreateBox } from '@babylonjs/core/Meshes/Builders/boxBuilder.js';
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder.js';
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder.js';
import { CreateTorus } from '@babylonjs/core/Meshes/Builders/torusBuilder.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { VertexBuffer } from '@babylonjs/core/Buffers/buffer.js';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import type { Primitive } from '../../shared/twin/extension.js';
import { eulerDegToQuat } from '../../shared/twin/math.js';
import { markInteractive } from '../input/interactive.js';
import { protocolToBabylon, protocolToBabylonQuat } from '../render/frames.js';
import type { ModelPart } from '../models/part.js';

export type { ModelPart } from '../models/part.js';

function shape(scene: Scene, p: Primitive): Mesh {
  const [x, y, z] = p.size;
  let mesh: Mesh;
  switch (p.shape) {
    case 'box':
      return CreateBox(p.id, { width: x, height: y, depth: z }, scene);
    case 'sphere':
      return CreateSphere(p.id, { diameterX: x, diameterY: y, diameterZ: z, segments: 12 }, scene);
    case 'torus':
      return CreateTorus(p.id, { diameter: Math.max(x, z) - y, thickness: y, tessellation: 24 }, scene);
    case 'cylinder':
      mesh = CreateCylinder(p.id, { diameter: 1, height: 1, tessellation: 20 }, scene);
      break;
    case 'cone':
      mesh = CreateCylinder(p.id, { diameterTop: 0, diameterBottom: 1, height: 1, tessellation: 20 }, scene);
      break;
  }
  // Elliptic cylinders: a unit cylinder stretched to the size, baked so later scaling (gauges) is relative to it.
  mesh.scaling.set(x, y, z);
  mesh.bakeCurrentTransformIntoVertices();
  return mesh;
}

/** Each part's parent part id in a recipe (for `mergeStaticParts`). */
export function recipeParents(primitives: readonly Primitive[]): Map<string, string | undefined> {
  return new Map(primitives.map((p) => [p.id, p.parent]));
}

/** Builds the parts under `root`; returns them by id, in the recipe's order. */
export function buildModel(
  scene: Scene,
  root: TransformNode,
  primitives: readonly Primitive[],
  twinId: string,
  /** Parts that get a material of their own (a binding drives their colour, or they light up). */
  coloured: ReadonlySet<string> = new Set(),
): Map<string, ModelPart> {
  const parts = new Map<string, ModelPart>();
  let body: StandardMaterial | null = null;
  const material = (p: Primitive, mesh: Mesh, color: Color3) => {
    if (!coloured.has(p.id)) {
      const c = color.toColor4();
      const colors = new Float32Array(mesh.getTotalVertices() * 4);
      for (let i = 0; i < colors.length; i += 4) colors.set([c.r, c.g, c.b, 1], i);
      mesh.setVerticesData(VertexBuffer.ColorKind, colors);
      if (!body) {
        body = new StandardMaterial(`${twinId}/body`, scene);
        body.diffuseColor = Color3.White();
        body.specularColor = new Color3(0.25, 0.25, 0.25);
      }
      return body;
    }
    const mat = new StandardMaterial(`${twinId}/${p.id}`, scene);
    mat.diffuseColor = color.clone();
    mat.specularColor = new Color3(0.25, 0.25, 0.25);
    return mat;
  };
  for (const p of primitives) {
    const mesh = shape(scene, p);
    mesh.name = `${twinId}/${p.id}`;
    const color = Color3.FromHexString(p.color);
    const mat = material(p, mesh, color);
    mesh.material = mat;
    const q = p.rotation ? eulerDegToQuat(p.rotation[0], p.rotation[1], p.rotation[2]) : { x: 0, y: 0, z: 0, w: 1 };
    // Twin frame (right-handed) → Babylon (left-handed).
    const restPosition = protocolToBabylon(...p.position, new Vector3());
    const restRotation = protocolToBabylonQuat([q.x, q.y, q.z, q.w], new Quaternion());
    mesh.position.copyFrom(restPosition);
    mesh.rotationQuaternion = restRotation.clone();
    markInteractive(mesh, { twin: twinId, part: p.id });
    parts.set(p.id, {
      id: p.id,
      mesh,
      material: mat,
      ownMaterial: coloured.has(p.id),
      baseColor: color,
      restPosition,
      restRotation,
      size: [...p.size],
    });
  }
  for (const p of primitives) {
    const part = parts.get(p.id)!;
    part.mesh.parent = p.parent ? (parts.get(p.parent)?.mesh ?? root) : root;
  }
  return parts;
}

/**
 * Draws the parts that never change on their own as one mesh under `root`: those not in `keep`, with
 * no kept part above or below them (a kept parent may move them; a kept child must stay enabled). The
 * originals stay, disabled, as the parts' identity (bounds for placement, walking and the test API);
 * the batch is what pointing hits, carrying `{ twin, part: 'body' }`. Call while `root` is at the
 * origin: the batch is built in world space. Returns null when fewer than two parts qualify.
 */
export function mergeStaticParts(
  root: TransformNode,
  parts: ReadonlyMap<string, ModelPart>,
  /** Each part's parent part id (undefined at the model's root). */
  parentOf: ReadonlyMap<string, string | undefined>,
  keep: ReadonlySet<string>,
  twinId: string,
): { mesh: Mesh; merged: string[] } | null {
  const kept = new Set(keep);
  // A part with a kept descendant stays too (disabling it would hide the child).
  for (const id of keep) for (let up = parentOf.get(id); up; up = parentOf.get(up)) kept.add(up);
  const mergeable = (id: string): boolean => {
    for (let at: string | undefined = id; at; at = parentOf.get(at)) {
      if (kept.has(at)) return false;
    }
    return true;
  };
  const chosen = [...parts.values()].filter((p) => !p.ownMaterial && mergeable(p.id));
  if (chosen.length < 2) return null;
  root.computeWorldMatrix(true);
  for (const p of chosen) p.mesh.computeWorldMatrix(true);
  const mesh = Mesh.MergeMeshes(
    chosen.map((p) => p.mesh),
    false,
    true,
  );
  if (!mesh) return null;
  mesh.name = `${twinId}/body`;
  mesh.material = chosen[0]!.material;
  mesh.parent = root;
  markInteractive(mesh, { twin: twinId, part: 'body' });
  for (const p of chosen) p.mesh.setEnabled(false);
  return { mesh, merged: chosen.map((p) => p.id) };
}
