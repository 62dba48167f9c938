/**
 * Turns a read IFC building into what clients load (SPEC BM3): one glb whose nodes batch the
 * geometry by storey, role and colour (a building of any size costs a few draw calls per storey),
 * and the element index that says which triangles of which node are whose. glTF's frame is the
 * protocol's (right-handed, +Y up), so positions go in as the reader gives them.
 */
import { Document, NodeIO } from '@gltf-transform/core';
import {
  BUILDING_INDEX_VERSION,
  type BuildingBatch,
  type BuildingElement,
  type BuildingIndex,
  type ElementRole,
} from '../../shared/space/building.js';
import { climbOf } from './climb.js';
import type { ElementPiece, ReadBuilding } from './ifcReader.js';

export interface ConvertedBuilding {
  glb: Uint8Array;
  index: BuildingIndex;
}

type Vec3 = [number, number, number];

/** sRGB → linear, exactly (a colour read back with the inverse is the file's colour). */
const linear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);

/** Boxes to the millimetre: float32 noise (−0.20000000298) is not part of the model. */
const mm = (v: Vec3) => v.map((n) => Math.round(n * 1000) / 1000) as Vec3;

interface Batch {
  storey: number;
  role: ElementRole;
  color: ElementPiece['color'];
  pieces: { element: number; piece: ElementPiece }[];
}

export async function toGlb(building: ReadBuilding, file: string): Promise<ConvertedBuilding> {
  const batches = new Map<string, Batch>();
  const elements: BuildingElement[] = [];
  const all = { min: [Infinity, Infinity, Infinity] as Vec3, max: [-Infinity, -Infinity, -Infinity] as Vec3 };
  for (const e of building.elements) {
    const min: Vec3 = [Infinity, Infinity, Infinity];
    const max: Vec3 = [-Infinity, -Infinity, -Infinity];
    for (const piece of e.pieces) {
      const p = piece.positions;
      for (let i = 0; i < p.length; i += 3)
        for (let a = 0; a < 3; a++) {
          min[a] = Math.min(min[a]!, p[i + a]!);
          max[a] = Math.max(max[a]!, p[i + a]!);
        }
      const color = piece.color.map((c) => Math.round(c * 255) / 255) as ElementPiece['color'];
      const key = `${e.storey}|${e.role}|${color.join(',')}`;
      let batch = batches.get(key);
      if (!batch) batches.set(key, (batch = { storey: e.storey, role: e.role, color, pieces: [] }));
      batch.pieces.push({ element: e.id, piece });
    }
    if (!Number.isFinite(min[0])) continue;
    for (let a = 0; a < 3; a++) {
      all.min[a] = Math.min(all.min[a]!, min[a]!);
      all.max[a] = Math.max(all.max[a]!, max[a]!);
    }
    const { pieces, ...identity } = e;
    // A stair's or ramp's walking surface climbs across its box (SPEC BM10).
    const climbs = e.role === 'stair' ? climbOf(pieces) : null;
    elements.push({ ...identity, min: mm(min), max: mm(max), ...(climbs ? { climbs } : {}) });
  }

  const doc = new Document();
  doc.getRoot().getAsset().generator = 'twinverse server/buildings';
  const buffer = doc.createBuffer();
  const scene = doc.createScene(file);
  doc.getRoot().setDefaultScene(scene);
  const materials = new Map<string, ReturnType<Document['createMaterial']>>();
  const out: BuildingBatch[] = [];
  let n = 0;
  // Stable order: by storey, role, colour — the same file gives the same glb.
  for (const [key, batch] of [...batches].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const vertices = batch.pieces.reduce((s, { piece }) => s + piece.positions.length / 3, 0);
    const indexCount = batch.pieces.reduce((s, { piece }) => s + piece.indices.length, 0);
    const positions = new Float32Array(vertices * 3);
    const normals = new Float32Array(vertices * 3);
    const indices = new Uint32Array(indexCount);
    const ranges: BuildingBatch['ranges'] = [];
    let v = 0;
    let at = 0;
    for (const { element, piece } of batch.pieces) {
      positions.set(piece.positions, v * 3);
      normals.set(piece.normals, v * 3);
      for (let i = 0; i < piece.indices.length; i++) indices[at + i] = piece.indices[i]! + v;
      const last = ranges[ranges.length - 1];
      // Consecutive pieces of one element make one range.
      if (last && last[0] === element && last[1] + last[2] === at) last[2] += piece.indices.length;
      else ranges.push([element, at, piece.indices.length]);
      v += piece.positions.length / 3;
      at += piece.indices.length;
    }
    const colorKey = batch.color.join(',');
    let material = materials.get(colorKey);
    if (!material) {
      // IFC colours are display (sRGB) colours; glTF's base colour factor is linear.
      const [r, g, b, a] = batch.color;
      material = doc
        .createMaterial(`ifc ${colorKey}`)
        .setBaseColorFactor([linear(r), linear(g), linear(b), a])
        .setMetallicFactor(0)
        .setRoughnessFactor(0.9);
      if (batch.color[3] < 1) material.setAlphaMode('BLEND');
      materials.set(colorKey, material);
    }
    const accessor = (type: 'VEC3' | 'SCALAR', array: Float32Array | Uint32Array) =>
      doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);
    const prim = doc
      .createPrimitive()
      .setAttribute('POSITION', accessor('VEC3', positions))
      .setAttribute('NORMAL', accessor('VEC3', normals))
      .setIndices(accessor('SCALAR', indices))
      .setMaterial(material);
    const node = `batch-${n++}`;
    scene.addChild(doc.createNode(node).setMesh(doc.createMesh(node).addPrimitive(prim)));
    out.push({ node, storey: batch.storey, role: batch.role, ranges });
    void key;
  }
  const glb = await new NodeIO().writeBinary(doc);
  const index: BuildingIndex = {
    version: BUILDING_INDEX_VERSION,
    file,
    schema: building.schema,
    storeys: building.storeys.map(({ name, globalId, elevation }) => ({ name, globalId, elevation })),
    elements,
    batches: out,
    min: mm(all.min),
    max: mm(all.max),
    triangles: building.triangles,
  };
  return { glb, index };
}
