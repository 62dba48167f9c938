/**
 * Builds the project's own glTF models of its machines (assets/models/*.glb) with glTF-Transform.
 * Each machine's parts stand where its Thing Description's primitive recipe puts them (same ids,
 * positions, rotations and parents: the recipe is the fallback, and the server's rest poses), with
 * the detailed shapes of machines.ts. One node per part, named with the part id; one primitive per
 * node coloured per vertex over one shared white material, so a machine costs the client a few draw
 * calls. Deterministic: the same inputs write the same bytes (tests compare them).
 *
 *   npx tsx assets/models/build.ts          writes the .glb files
 *   npx tsx assets/models/build.ts --check  fails when a committed .glb differs from what it builds
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Document, NodeIO, type Node } from '@gltf-transform/core';
import { eulerDegToQuat } from '../../shared/twin/math.js';
import type { Primitive } from '../../shared/twin/extension.js';
import { Geometry } from './geometry.js';
import { cncLook, conveyorLook, pumpLook, type MachineLook } from './machines.js';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Machine file → its TD and its look. */
export const MACHINES: { file: string; td: string; look: () => MachineLook }[] = [
  { file: 'pump.glb', td: 'pump-1.td.json', look: pumpLook },
  { file: 'cnc.glb', td: 'cnc-1.td.json', look: cncLook },
  { file: 'conveyor.glb', td: 'conveyor-1.td.json', look: conveyorLook },
];

function recipeOf(tdFile: string): Primitive[] {
  const td = JSON.parse(fs.readFileSync(path.join(here, '..', 'twins', tdFile), 'utf8')) as {
    'tv:twin': { model: { primitives?: Primitive[] } };
  };
  const recipe = td['tv:twin'].model.primitives;
  if (!recipe) throw new Error(`${tdFile}: no primitive recipe to place the model's parts`);
  return recipe;
}

/** The primitive's own shape, for parts a look leaves as they are. */
function plain(p: Primitive): Geometry {
  const g = new Geometry();
  const [x, y, z] = p.size;
  if (p.shape === 'box') return g.box([x, y, z], p.color);
  if (p.shape === 'cone') return g.cylinder({ bottom: x, top: 0, height: y }, p.color);
  if (p.shape === 'sphere') return g.cylinder({ bottom: x * 0.7, height: y * 0.7 }, p.color).box([x * 0.7, y, z * 0.7], p.color);
  return g.cylinder({ bottom: x, height: y }, p.color);
}

/** Builds one machine's glTF document; returns its bytes and its triangle count. */
export async function buildMachine(
  recipe: readonly Primitive[],
  look: MachineLook,
  name: string,
): Promise<{ glb: Uint8Array; triangles: number }> {
  const doc = new Document();
  doc.getRoot().getAsset().generator = 'twinverse assets/models/build.ts';
  const buffer = doc.createBuffer();
  const material = doc.createMaterial('body').setBaseColorFactor([1, 1, 1, 1]).setMetallicFactor(0).setRoughnessFactor(0.7);
  const scene = doc.createScene(name);
  doc.getRoot().setDefaultScene(scene);
  const nodes = new Map<string, Node>();
  let triangles = 0;
  const addNode = (
    id: string,
    g: Geometry,
    position: readonly number[],
    rotation: readonly number[] | undefined,
    parent: string | undefined,
  ) => {
    const accessor = (type: 'VEC3' | 'VEC4' | 'SCALAR', array: Float32Array | Uint16Array | Uint32Array) =>
      doc.createAccessor().setType(type).setArray(array).setBuffer(buffer);
    const vertices = g.positions.length / 3;
    const prim = doc
      .createPrimitive()
      .setAttribute('POSITION', accessor('VEC3', new Float32Array(g.positions)))
      .setAttribute('NORMAL', accessor('VEC3', new Float32Array(g.normals)))
      .setAttribute('COLOR_0', accessor('VEC4', new Float32Array(g.colors)))
      .setIndices(accessor('SCALAR', vertices > 65535 ? new Uint32Array(g.indices) : new Uint16Array(g.indices)))
      .setMaterial(material);
    triangles += g.triangles;
    const q = rotation ? eulerDegToQuat(rotation[0]!, rotation[1]!, rotation[2]!) : { x: 0, y: 0, z: 0, w: 1 };
    const node = doc
      .createNode(id)
      .setMesh(doc.createMesh(id).addPrimitive(prim))
      .setTranslation([position[0]!, position[1]!, position[2]!])
      .setRotation([q.x, q.y, q.z, q.w]);
    const up = parent ? nodes.get(parent) : undefined;
    if (parent && !up) throw new Error(`${name}: part "${id}" names parent "${parent}" before it exists`);
    if (up) up.addChild(node);
    else scene.addChild(node);
    nodes.set(id, node);
  };
  for (const p of recipe) addNode(p.id, look.parts[p.id] ?? plain(p), p.position, p.rotation, p.parent);
  for (const e of look.extras) addNode(e.id, e.geometry, e.position, e.rotation, e.parent);
  const unknown = Object.keys(look.parts).filter((id) => !recipe.some((p) => p.id === id));
  if (unknown.length) throw new Error(`${name}: the look names parts the recipe lacks: ${unknown.join(', ')}`);
  const glb = await new NodeIO().writeBinary(doc);
  return { glb, triangles };
}

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  let stale = 0;
  for (const m of MACHINES) {
    const { glb, triangles } = await buildMachine(recipeOf(m.td), m.look(), m.file.replace(/\.glb$/, ''));
    const out = path.join(here, m.file);
    if (check) {
      const same = fs.existsSync(out) && Buffer.compare(fs.readFileSync(out), Buffer.from(glb)) === 0;
      if (!same) stale++;
      console.log(`${m.file}: ${same ? 'up to date' : 'DIFFERS from what build.ts makes'}`);
    } else {
      fs.writeFileSync(out, glb);
      console.log(`${m.file}: ${glb.byteLength} bytes, ${triangles} triangles`);
    }
  }
  if (stale) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
