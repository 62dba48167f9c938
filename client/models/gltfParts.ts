/**
 * Turns a twin's glTF model into the parts a TwinView drives (SPEC GM1, GM2). A node named with a
 * valid part id is a part (the first of a name; later ones count as unnamed); the geometry of
 * unnamed nodes joins the nearest named node above them, or a part `body` at the model's root.
 * Each part becomes one mesh in Babylon's frame, placed by its node's transform relative to the part
 * above it — so a rotate binding turns a node about its own axes, a gauge fills along them, and a
 * carried part is the node and what hangs below it, exactly as with a primitive recipe.
 *
 * Materials become the project's: each primitive's base colour (times its vertex colours) is baked
 * into vertex colours over one shared StandardMaterial, and a part a binding colours or people carry
 * gets its own material in its average colour. Textures are dropped: the XR budget counts materials
 * and textures, and a machine's colours are what bindings and alarms speak through.
 *
 * Only the glTF 2.0 loader's core is registered (no Draco, meshopt or KTX2: their decoders would be
 * fetched from a CDN); a file that requires such an extension is refused as `unsupported`.
 */
import '@babylonjs/loaders/glTF/2.0/glTFLoader.js';
import { LoadAssetContainerAsync } from '@babylonjs/core/Loading/sceneLoader.js';
import type { AssetContainer } from '@babylonjs/core/assetContainer.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { VertexData } from '@babylonjs/core/Meshes/mesh.vertexData.js';
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { MODEL_MAX_TRIANGLES } from '../../shared/twin/modelLimits.js';
import { markInteractive } from '../input/interactive.js';
import { protocolToBabylon, protocolToBabylonMatrix, protocolToBabylonQuat } from '../render/frames.js';
import type { ModelPart } from './part.js';
import { ModelError } from './fetchModel.js';

/** A machine's parts, ready for a TwinView: root-level meshes have no parent yet. */
export interface BuiltModel {
  parts: Map<string, ModelPart>;
  /** Each part's parent part (undefined at the model's root). */
  parentOf: Map<string, string | undefined>;
  triangles: number;
}

const PART_ID = /^[A-Za-z][A-Za-z0-9_-]{0,47}$/;
/** glTF (right-handed, the protocol's frame) → Babylon (left-handed) for geometry. */
const MIRROR = protocolToBabylonMatrix();

function triangleCount(meshes: readonly AbstractMesh[]): number {
  let n = 0;
  for (const m of meshes) {
    const indices = m.getTotalIndices();
    n += indices > 0 ? indices / 3 : m.getTotalVertices() / 3;
  }
  return Math.floor(n);
}

/** Parses a glTF / glb file's bytes into an asset container (nothing is added to the scene). */
async function parse(scene: Scene, bytes: Uint8Array, file: string): Promise<AssetContainer> {
  try {
    // A .gltf is JSON: the loader takes it as a `data:` string (it reads only a glb from bytes).
    const source = file.endsWith('.gltf') ? `data:${new TextDecoder().decode(bytes)}` : bytes;
    return await LoadAssetContainerAsync(source, scene, { pluginExtension: file.endsWith('.gltf') ? '.gltf' : '.glb' });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // The loader's words for a required extension it has not registered.
    if (/extension/i.test(message) && /not available|not supported|require/i.test(message))
      throw new ModelError(file, 'unsupported', message.slice(0, 200));
    throw new ModelError(file, 'broken', message.slice(0, 200));
  }
}

/** Babylon colour of a loaded primitive's material, linear (glTF's baseColorFactor is linear). */
function materialColor(mesh: AbstractMesh): Color3 {
  const m = mesh.material as { albedoColor?: Color3; diffuseColor?: Color3 } | null;
  return (m?.albedoColor ?? m?.diffuseColor ?? Color3.White()).clone();
}

/** Linear → sRGB, exactly (Babylon's toGammaSpace is the 2.2 power: a hex colour would not come back). */
function srgb(c: number): number {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055;
}

/** One primitive's geometry in its part's frame (Babylon), coloured per vertex in gamma space. */
function geometryOf(g: AbstractMesh, toPart: Matrix): VertexData {
  const source = ('sourceMesh' in g ? (g as unknown as { sourceMesh: Mesh }).sourceMesh : g) as Mesh;
  const raw = VertexData.ExtractFromMesh(source, true, true);
  const vd = new VertexData();
  vd.positions = raw.positions;
  vd.indices = raw.indices ?? Array.from({ length: (raw.positions?.length ?? 0) / 3 }, (_, i) => i);
  vd.normals = raw.normals;
  if (!vd.normals && vd.positions) {
    const normals: number[] = [];
    VertexData.ComputeNormals(vd.positions, vd.indices, normals);
    vd.normals = normals;
  }
  const count = (vd.positions?.length ?? 0) / 3;
  const base = materialColor(g);
  const vc = raw.colors;
  const stride = vc ? vc.length / count : 0;
  const colors = new Float32Array(count * 4);
  const c = new Color3();
  for (let i = 0; i < count; i++) {
    c.copyFrom(base);
    if (vc) c.multiplyToRef(new Color3(vc[i * stride]!, vc[i * stride + 1]!, vc[i * stride + 2]!), c);
    colors.set([srgb(c.r), srgb(c.g), srgb(c.b), 1], i * 4);
  }
  vd.colors = colors;
  vd.transform(toPart);
  return vd;
}

/** The colour most vertices have (a part's colour, not the mix of it and its bolts). */
function dominantColor(colors: ArrayLike<number>): Color3 {
  const counts = new Map<string, number>();
  let best = '';
  let most = 0;
  for (let i = 0; i < colors.length; i += 4) {
    const key = `${Math.round(colors[i]! * 255)},${Math.round(colors[i + 1]! * 255)},${Math.round(colors[i + 2]! * 255)}`;
    const n = (counts.get(key) ?? 0) + 1;
    counts.set(key, n);
    if (n > most) [best, most] = [key, n];
  }
  const [r, g, b] = best.split(',').map((v) => Number(v) / 255);
  return new Color3(r ?? 1, g ?? 1, b ?? 1);
}

/** `node`'s transform relative to `above` (or the model's root), in glTF's frame. */
function relative(node: TransformNode | null, above: TransformNode | null, root: TransformNode): Matrix {
  const world = (node ?? root).computeWorldMatrix(true);
  const up = (above ?? root).computeWorldMatrix(true);
  return world.multiply(Matrix.Invert(up));
}

/**
 * Builds the parts of the model in `bytes` (a glb, or a self-contained .gltf). `coloured`: parts that
 * get a material of their own. Throws ModelError (broken, unsupported, too_many_triangles, empty).
 */
export async function buildGltfParts(
  scene: Scene,
  bytes: Uint8Array,
  file: string,
  twinId: string,
  coloured: ReadonlySet<string> = new Set(),
  maxTriangles = MODEL_MAX_TRIANGLES,
): Promise<BuiltModel> {
  const container = await parse(scene, bytes, file);
  try {
    const geometry = container.meshes.filter((m) => m.getTotalVertices() > 0);
    const triangles = triangleCount(geometry);
    if (geometry.length === 0) throw new ModelError(file, 'empty', 'no meshes');
    if (triangles > maxTriangles) throw new ModelError(file, 'too_many_triangles', `${triangles}, the limit is ${maxTriangles}`);
    const root = container.meshes.find((m) => m.name === '__root__') ?? container.meshes[0]!;
    // The glTF node a Babylon node stands for: a multi-primitive node's meshes hang below it.
    const nodeOf = (n: TransformNode): TransformNode => {
      const up = n.parent as TransformNode | null;
      return up && n.name.startsWith(`${up.name}_primitive`) ? up : n;
    };
    const named = new Map<string, TransformNode>();
    for (const n of [...container.transformNodes, ...container.meshes]) {
      if (n === root || nodeOf(n) !== n || !PART_ID.test(n.name) || named.has(n.name)) continue;
      named.set(n.name, n);
    }
    const isPart = new Set(named.values());
    const ownerOf = (n: TransformNode | null): TransformNode | null => {
      for (let at = n ? nodeOf(n) : null; at && at !== root; at = at.parent as TransformNode | null) if (isPart.has(at)) return at;
      return null;
    };
    // Group the geometry by owning part (null: the model's root, part `body` unless a node has that name).
    const groups = new Map<TransformNode | null, AbstractMesh[]>();
    for (const g of geometry) {
      const owner = ownerOf(g);
      groups.set(owner, [...(groups.get(owner) ?? []), g]);
    }
    const owners = new Set(groups.keys());
    const idOf = (n: TransformNode | null) => (n ? n.name : named.has('body') ? '_root' : 'body');
    const parentOf = new Map<string, string | undefined>();
    const parts = new Map<string, ModelPart>();
    let body: StandardMaterial | null = null;
    for (const [owner, meshes] of groups) {
      const id = idOf(owner);
      let up: TransformNode | null = null;
      for (let at = owner?.parent as TransformNode | null; at && at !== root; at = at.parent as TransformNode | null) {
        if (owners.has(at)) {
          up = at;
          break;
        }
      }
      parentOf.set(id, owner && up ? up.name : undefined);
      const rest = relative(owner, up, root);
      const scale = new Vector3();
      const rotation = new Quaternion();
      const position = new Vector3();
      rest.decompose(scale, rotation, position);
      const ownerWorld = (owner ?? root).computeWorldMatrix(true);
      const toPart = (g: AbstractMesh) =>
        g
          .computeWorldMatrix(true)
          .multiply(Matrix.Invert(ownerWorld))
          .multiply(Matrix.Scaling(scale.x, scale.y, scale.z))
          .multiply(MIRROR);
      const merged = geometryOf(meshes[0]!, toPart(meshes[0]!));
      if (meshes.length > 1)
        merged.merge(
          meshes.slice(1).map((g) => geometryOf(g, toPart(g))),
          true,
        );
      const mesh = new Mesh(`${twinId}/${id}`, scene);
      const colors = merged.colors!;
      const color = dominantColor(colors);
      const own = coloured.has(id);
      if (own) merged.colors = null;
      merged.applyToMesh(mesh);
      let material: StandardMaterial;
      if (own) {
        material = new StandardMaterial(`${twinId}/${id}`, scene);
        material.diffuseColor = color.clone();
      } else {
        if (!body) {
          body = new StandardMaterial(`${twinId}/body`, scene);
          body.diffuseColor = Color3.White();
        }
        material = body;
      }
      material.specularColor = new Color3(0.25, 0.25, 0.25);
      mesh.material = material;
      // glTF → Babylon frame.
      const restPosition = protocolToBabylon(position.x, position.y, position.z, new Vector3());
      const restRotation = protocolToBabylonQuat([rotation.x, rotation.y, rotation.z, rotation.w], new Quaternion());
      mesh.position.copyFrom(restPosition);
      mesh.rotationQuaternion = restRotation.clone();
      markInteractive(mesh, { twin: twinId, part: id });
      const extent = mesh.getBoundingInfo().boundingBox.extendSize;
      parts.set(id, {
        id,
        mesh,
        material,
        ownMaterial: own,
        baseColor: color,
        restPosition,
        restRotation,
        size: [extent.x * 2, extent.y * 2, extent.z * 2],
      });
    }
    for (const [id, up] of parentOf) if (up) parts.get(id)!.mesh.parent = parts.get(up)!.mesh;
    return { parts, parentOf, triangles };
  } finally {
    container.dispose();
  }
}

/** Disposes a built model that no view took (its twin left while it loaded). */
export function disposeBuiltModel(model: BuiltModel): void {
  for (const p of model.parts.values()) p.mesh.dispose();
  for (const m of new Set([...model.parts.values()].map((p) => p.material))) m.dispose();
}
