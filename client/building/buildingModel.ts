/**
 * The building a space is (SPEC BM4–BM6, BM8): its glb (converted by the server from the layout's IFC
 * file) loaded into the scene, and its element index. The glb's nodes are batches (one storey, one
 * role, one colour each); the index says which triangles of a batch are whose, so a pick's face finds
 * its element. Storeys are shown or hidden per batch; the cut-away hides walls; an element is tinted
 * by an overlay mesh of its own triangles (the batch it shares with others stays untouched).
 */
import '@babylonjs/loaders/glTF/2.0/glTFLoader.js';
import { LoadAssetContainerAsync } from '@babylonjs/core/Loading/sceneLoader.js';
import type { AssetContainer } from '@babylonjs/core/assetContainer.js';
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial.js';
import { Color3 } from '@babylonjs/core/Maths/math.color.js';
import { Quaternion } from '@babylonjs/core/Maths/math.vector.js';
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh.js';
import { Mesh } from '@babylonjs/core/Meshes/mesh.js';
import { VertexData } from '@babylonjs/core/Meshes/mesh.vertexData.js';
import type { Scene } from '@babylonjs/core/scene.js';
import { check, z } from '../../shared/protocol/validation.js';
import { BUILDING_MAX_BYTES, BuildingIndex, type BuildingBatch, type BuildingElement } from '../../shared/space/building.js';
import { fetchModel, ModelError } from '../models/fetchModel.js';
import type { FloorObstacle } from '../render/hall/furniture.js';
import { edgeInTheWay, floorHeightAt, storeyFloors, wallObstacles } from './storeyFloors.js';

/** The index as served for a layout: with the element each bound twin is (twin id → element id). */
export const SpaceBuildingIndex = z.extend(BuildingIndex, { twins: z.record(z.string(), z.int()) });
export type SpaceBuildingIndex = z.infer<typeof SpaceBuildingIndex>;

export interface BuildingModel {
  readonly index: SpaceBuildingIndex;
  readonly meshes: readonly Mesh[];
  /** The element a pick hit: the mesh and its face (triangle) id; null when it is not the building's. */
  elementAt(mesh: AbstractMesh | null | undefined, faceId: number): BuildingElement | null;
  element(id: number): BuildingElement | undefined;
  /** Storey shown (index into index.storeys). */
  setStoreyVisible(storey: number, on: boolean): void;
  storeyVisible(storey: number): boolean;
  /** Walls hidden for a view inside. */
  setCutaway(on: boolean): void;
  readonly cutaway: boolean;
  /** Tints an element (alarm, stale …) or clears its tint (null). */
  tint(id: number, color: Color3 | null): void;
  tinted(id: number): string | null;
  /** Shows or hides the whole building (AR passthrough hides it). */
  setVisible(on: boolean): void;
  /** Walls of every storey as boxes people cannot walk through, each with its height span, Babylon frame. */
  obstacles(): FloorObstacle[];
  /** Where feet at (x, feetY, z) come to rest on the storeys' slabs and stairs, Babylon frame (SPEC BM9, BM10). */
  floorAt(x: number, z: number, feetY: number): number;
  /** Whether a floor's edge too high to step onto (a stair's side) keeps feet at feetY from (x, z) (SPEC BM10). */
  edgeAt(x: number, z: number, feetY: number): boolean;
  /** The slabs' and stairs' meshes: teleport targets in XR. */
  readonly floors: readonly Mesh[];
  dispose(): void;
}

async function fetchIndex(base: string, layout: string): Promise<SpaceBuildingIndex> {
  const file = `buildings/${layout}.json`;
  let json: unknown;
  try {
    const res = await fetch(new URL(`/assets/${file}`, base));
    if (!res.ok) throw new Error(`the server answered ${res.status}`);
    json = await res.json();
  } catch (err) {
    throw new ModelError(file, 'unreachable', (err as Error).message);
  }
  const r = check(SpaceBuildingIndex, json);
  if (!r.ok) throw new ModelError(file, 'broken', r.problems.slice(0, 200));
  return r.value;
}

/** Linear → sRGB, exactly (the server wrote the file's sRGB colour as linear). */
function srgb(c: Color3): Color3 {
  const f = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);
  return new Color3(f(c.r), f(c.g), f(c.b));
}

/** The batch's ranges hold `index` (an index-buffer position): binary search, ranges are in order. */
function rangeAt(ranges: BuildingBatch['ranges'], index: number): number | null {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [id, first, count] = ranges[mid]!;
    if (index < first) hi = mid - 1;
    else if (index >= first + count) lo = mid + 1;
    else return id;
  }
  return null;
}

/**
 * Loads the building of `layout` from the server at `base`; `progress` gets 0…1 as the glb arrives.
 * Throws ModelError (the file and the problem).
 */
export async function loadBuildingModel(
  scene: Scene,
  base: string,
  layout: string,
  progress: (fraction: number) => void = () => undefined,
): Promise<BuildingModel> {
  const index = await fetchIndex(base, layout);
  const file = `buildings/${layout}.glb`;
  const bytes = await fetchModel(base, file, progress, BUILDING_MAX_BYTES);
  let container: AssetContainer;
  try {
    container = await LoadAssetContainerAsync(bytes, scene, { pluginExtension: '.glb' });
  } catch (err) {
    throw new ModelError(file, 'broken', (err instanceof Error ? err.message : String(err)).slice(0, 200));
  }
  container.addAllToScene();
  // The loader turns glTF's right-handed frame into Babylon's by a half turn and a mirror, which
  // also swaps x; the protocol's map is the mirror of z alone (render/frames.ts): use that.
  const root = container.meshes.find((m) => m.name === '__root__');
  if (root) {
    root.rotationQuaternion = Quaternion.Identity();
    root.scaling.set(1, 1, -1);
  }
  const batches = new Map<Mesh, BuildingBatch>();
  const byNode = new Map(index.batches.map((b) => [b.node, b]));
  const meshes: Mesh[] = [];
  for (const m of container.meshes) {
    const batch = byNode.get(m.name);
    if (!batch || !(m instanceof Mesh)) continue;
    batches.set(m, batch);
    meshes.push(m);
    m.isPickable = true;
    m.freezeWorldMatrix();
    // Matte, lit the way the hall is: IFC colours are surface colours, not PBR metals.
    const pbr = m.material as { albedoColor?: Color3; alpha?: number } | null;
    const mat = new StandardMaterial(`building-${batch.node}`, scene);
    mat.diffuseColor = pbr?.albedoColor ? srgb(pbr.albedoColor) : new Color3(0.7, 0.7, 0.7);
    mat.specularColor = new Color3(0.05, 0.05, 0.05);
    mat.alpha = pbr?.alpha ?? 1;
    mat.backFaceCulling = false;
    m.material?.dispose();
    m.material = mat;
    mat.freeze();
  }
  const elements = new Map(index.elements.map((e) => [e.id, e]));
  const floors = storeyFloors(index.elements);
  const hiddenStoreys = new Set<number>();
  let cutaway = false;
  let shown = true;
  const overlays = new Map<number, { mesh: Mesh; color: string }>();
  const refresh = () => {
    for (const [m, b] of batches) m.setEnabled(shown && !hiddenStoreys.has(b.storey) && !(cutaway && b.role === 'wall'));
    for (const [id, o] of overlays) {
      const e = elements.get(id);
      o.mesh.setEnabled(shown && !!e && !hiddenStoreys.has(e.storey) && !(cutaway && e.role === 'wall'));
    }
  };

  /** One element's triangles as a mesh of their own, drawn over the batch. */
  const overlayOf = (id: number): Mesh | null => {
    const positions: number[] = [];
    const indices: number[] = [];
    for (const [m, b] of batches) {
      const all = m.getIndices();
      const pos = m.getVerticesData('position');
      if (!all || !pos) continue;
      for (const [owner, first, count] of b.ranges) {
        if (owner !== id) continue;
        for (let i = first; i < first + count; i++) {
          const v = all[i]!;
          indices.push(positions.length / 3);
          positions.push(pos[v * 3]!, pos[v * 3 + 1]!, pos[v * 3 + 2]!);
        }
      }
    }
    if (indices.length === 0) return null;
    const mesh = new Mesh(`building-tint-${id}`, scene);
    const vd = new VertexData();
    vd.positions = positions;
    vd.indices = indices;
    const normals: number[] = [];
    VertexData.ComputeNormals(positions, indices, normals);
    vd.normals = normals;
    vd.applyToMesh(mesh);
    // The batches hang under the loader's root (right- to left-handed): the overlay hangs there too.
    mesh.parent = meshes[0]?.parent ?? null;
    mesh.isPickable = false;
    return mesh;
  };

  return {
    index,
    meshes,
    elementAt(mesh, faceId) {
      const b = mesh ? batches.get(mesh as Mesh) : undefined;
      if (!b || faceId < 0) return null;
      const id = rangeAt(b.ranges, faceId * 3);
      return id === null ? null : (elements.get(id) ?? null);
    },
    element: (id) => elements.get(id),
    setStoreyVisible(storey, on) {
      if (on) hiddenStoreys.delete(storey);
      else hiddenStoreys.add(storey);
      refresh();
    },
    storeyVisible: (storey) => !hiddenStoreys.has(storey),
    setCutaway(on) {
      cutaway = on;
      refresh();
    },
    get cutaway() {
      return cutaway;
    },
    tint(id, color) {
      const key = color?.toHexString() ?? null;
      const had = overlays.get(id);
      if (had && had.color === key) return;
      if (had) {
        had.mesh.material?.dispose();
        had.mesh.dispose();
        overlays.delete(id);
      }
      if (!color || !key) return;
      const mesh = overlayOf(id);
      if (!mesh) return;
      const mat = new StandardMaterial(`building-tint-${id}`, scene);
      mat.diffuseColor = color;
      mat.emissiveColor = color.scale(0.45);
      mat.specularColor = Color3.Black();
      // Drawn over the batch's own copy of these triangles.
      mat.zOffset = -2;
      mat.backFaceCulling = false;
      mesh.material = mat;
      overlays.set(id, { mesh, color: key });
      refresh();
    },
    tinted: (id) => overlays.get(id)?.color ?? null,
    setVisible(on) {
      shown = on;
      refresh();
    },
    obstacles: () => wallObstacles(index.elements),
    floorAt: (x, z, feetY) => floorHeightAt(floors, x, z, feetY),
    edgeAt: (x, z, feetY) => edgeInTheWay(floors, x, z, feetY),
    floors: meshes.filter((m) => {
      const role = batches.get(m)?.role;
      return role === 'slab' || role === 'stair';
    }),
    dispose() {
      for (const o of overlays.values()) {
        o.mesh.material?.dispose();
        o.mesh.dispose();
      }
      for (const m of meshes) m.material?.dispose();
      container.dispose();
    },
  };
}
