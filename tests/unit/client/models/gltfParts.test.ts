/**
 * A twin's glTF model as parts (client/models/gltfParts.ts) on Babylon's NullEngine: the project's
 * pump maps node for node onto its recipe's parts, unnamed and multi-primitive nodes fold into named
 * parts, and broken, over-bound and extension-needing files are refused by name.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Document, NodeIO } from '@gltf-transform/core';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import { VertexBuffer } from '@babylonjs/core/Buffers/buffer.js';
import { Scene } from '@babylonjs/core/scene.js';
import { buildGltfParts } from '../../../../client/models/gltfParts.js';
import { ModelError } from '../../../../client/models/fetchModel.js';
import { eulerDegToQuat } from '../../../../shared/twin/math.js';
import { MODEL_MAX_TRIANGLES } from '../../../../shared/twin/modelLimits.js';
import type { Primitive } from '../../../../shared/twin/extension.js';
import { Geometry } from '../../../../assets/models/geometry.js';
import { buildMachine } from '../../../../assets/models/build.js';
import { rejectedWith } from '../../../support/rejection.js';

const scene = () => new Scene(new NullEngine());
const pumpBytes = () => new Uint8Array(fs.readFileSync('assets/models/pump.glb'));
const pumpRecipe = (): Primitive[] =>
  (JSON.parse(fs.readFileSync('assets/twins/pump-1.td.json', 'utf8')) as { 'tv:twin': { model: { primitives: Primitive[] } } })['tv:twin']
    .model.primitives;

const refusal = (p: Promise<unknown>) => rejectedWith(p, ModelError);

describe('glTF model parts', () => {
  it('GM1 GM2: every node of the pump is a part named by its node, standing where the recipe puts it, under the same parent', async () => {
    const s = scene();
    const model = await buildGltfParts(s, pumpBytes(), 'models/pump.glb', 'pump-1', new Set(['casing', 'guard']));
    const recipe = pumpRecipe();
    for (const p of recipe) {
      const part = model.parts.get(p.id);
      expect(part, p.id).toBeDefined();
      expect(model.parentOf.get(p.id)).toBe(p.parent);
      // Protocol (glTF) frame → Babylon: z mirrored, quaternion x and y negated.
      expect(part!.restPosition.subtract(new Vector3(p.position[0], p.position[1], -p.position[2])).length()).toBeLessThan(1e-6);
      const q = p.rotation ? eulerDegToQuat(...p.rotation) : { x: 0, y: 0, z: 0, w: 1 };
      const dot = Quaternion.Dot(part!.restRotation, new Quaternion(-q.x, -q.y, q.z, q.w));
      expect(Math.abs(dot)).toBeGreaterThan(1 - 1e-6);
      expect(part!.mesh.position.equals(part!.restPosition)).toBe(true);
      expect(part!.mesh.metadata).toMatchObject({ twin: 'pump-1', part: p.id, interactive: true });
    }
    // The look's extra parts come along; the fan hangs on the motor.
    expect([...model.parts.keys()]).toEqual(expect.arrayContaining(['suction', 'instrumentPost', 'gaugeScale']));
    expect(model.parts.get('fan')!.mesh.parent).toBe(model.parts.get('motor')!.mesh);
    expect(model.parts.get('skid')!.mesh.parent).toBeNull();
    // A coloured part has its own material in its colour, no vertex colours; the rest share one body.
    const casing = model.parts.get('casing')!;
    expect(casing.ownMaterial).toBe(true);
    expect(casing.mesh.isVerticesDataPresent(VertexBuffer.ColorKind)).toBe(false);
    expect(casing.baseColor.toHexString()).toBe('#6E7F8D');
    const skid = model.parts.get('skid')!;
    expect(skid.ownMaterial).toBe(false);
    expect(skid.material).toBe(model.parts.get('motor')!.material);
    expect(skid.mesh.isVerticesDataPresent(VertexBuffer.ColorKind)).toBe(true);
    // Size is the part's extent in its own frame: the gauge bar is the recipe's 0.06 × 0.5 × 0.04 m.
    expect(model.parts.get('pressureGauge')!.size.map((v) => +v.toFixed(3))).toEqual([0.06, 0.5, 0.04]);
    const built = await buildMachine(recipe, (await import('../../../../assets/models/machines.js')).pumpLook(), 'pump');
    expect(model.triangles).toBe(built.triangles);
    // Nothing of the file's own node graph or materials is left in the scene.
    expect(s.transformNodes).toEqual([]);
    expect(s.meshes.length).toBe(model.parts.size);
  });

  it('GM1: an unnamed node joins the named node above it, a node outside any joins `body`, a multi-primitive node is one part', async () => {
    const doc = new Document();
    const buffer = doc.createBuffer();
    const prim = (g: Geometry) =>
      doc
        .createPrimitive()
        .setAttribute('POSITION', doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.positions)).setBuffer(buffer))
        .setAttribute('NORMAL', doc.createAccessor().setType('VEC3').setArray(new Float32Array(g.normals)).setBuffer(buffer))
        .setIndices(doc.createAccessor().setType('SCALAR').setArray(new Uint16Array(g.indices)).setBuffer(buffer));
    const red = doc.createMaterial('red').setBaseColorFactor([1, 0, 0, 1]);
    const arm = doc
      .createNode('arm')
      .setTranslation([1, 0, 0])
      .setMesh(
        doc
          .createMesh('arm')
          .addPrimitive(prim(new Geometry().box([1, 1, 1], '#ffffff')).setMaterial(red))
          .addPrimitive(prim(new Geometry().box([0.2, 0.2, 0.2], '#ffffff', { at: [0, 1, 0] }))),
      );
    arm.addChild(
      doc
        .createNode('Cube.001')
        .setTranslation([0, 2, 0])
        .setMesh(doc.createMesh().addPrimitive(prim(new Geometry().box([0.5, 0.5, 0.5], '#ffffff')))),
    );
    const scene0 = doc.createScene();
    scene0.addChild(arm);
    scene0.addChild(doc.createNode('mesh 7').setMesh(doc.createMesh().addPrimitive(prim(new Geometry().box([1, 1, 1], '#ffffff')))));
    const bytes = await new NodeIO().writeBinary(doc);
    const model = await buildGltfParts(scene(), bytes, 'models/t.glb', 't');
    expect([...model.parts.keys()].sort()).toEqual(['arm', 'body']);
    const armPart = model.parts.get('arm')!;
    // The arm's box, its second primitive and the unnamed child 2 m above it, all in the arm's frame.
    const box = armPart.mesh.getBoundingInfo().boundingBox;
    expect(box.maximum.y).toBeCloseTo(2.25, 5);
    expect(box.minimum.y).toBeCloseTo(-0.5, 5);
    expect(armPart.restPosition.x).toBeCloseTo(1, 6);
    // Red from the material, baked as vertex colours (gamma space) on the shared body material.
    const colors = armPart.mesh.getVerticesData(VertexBuffer.ColorKind)!;
    expect([colors[0], colors[1], colors[2]]).toEqual([1, 0, 0]);
    expect(model.parentOf.get('body')).toBeUndefined();
  });

  it('GM4: a broken file is refused as broken: random bytes, a truncated glb, an empty buffer', async () => {
    const bytes = pumpBytes();
    for (const bad of [new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]), bytes.slice(0, 2000), new Uint8Array(0)]) {
      const err = await refusal(buildGltfParts(scene(), bad, 'models/bad.glb', 'b'));
      expect(err.code).toBe('broken');
      expect(err.message).toMatch(/^models\/bad\.glb: broken \(/);
    }
  });

  it('GM4: a model over the triangle bound is refused as too_many_triangles, naming both counts', async () => {
    // An over-bound model, built the way the project builds its own.
    const g = new Geometry();
    for (let i = 0; i < 60; i++) g.cylinder({ bottom: 0.5, height: 0.1, segments: 96 }, '#808080', { at: [0, i * 0.1, 0] });
    expect(g.triangles).toBeGreaterThan(MODEL_MAX_TRIANGLES);
    const { glb } = await buildMachine(
      [{ id: 'tower', shape: 'box', size: [1, 6, 1], position: [0, 3, 0], color: '#808080' }],
      { parts: { tower: g }, extras: [] },
      'big',
    );
    const s = scene();
    const err = await refusal(buildGltfParts(s, glb, 'models/big.glb', 'b'));
    expect(err.code).toBe('too_many_triangles');
    expect(err.message).toContain(`${g.triangles}, the limit is ${MODEL_MAX_TRIANGLES}`);
    // Nothing of it stays behind.
    expect(s.meshes).toEqual([]);
    // The bound is a parameter: the pump is refused under a bound of 100.
    expect((await refusal(buildGltfParts(scene(), pumpBytes(), 'models/pump.glb', 'p', new Set(), 100))).code).toBe('too_many_triangles');
    // Building 23k triangles takes a second on a quiet machine: room for a loaded one.
  }, 30_000);

  it('GM4: a file that requires an extension this client does not load (Draco) is refused as unsupported; one with no meshes as empty', async () => {
    const gltf = {
      asset: { version: '2.0' },
      extensionsUsed: ['KHR_draco_mesh_compression'],
      extensionsRequired: ['KHR_draco_mesh_compression'],
      scenes: [{ nodes: [0] }],
      nodes: [{ name: 'n' }],
    };
    const err = await refusal(buildGltfParts(scene(), new TextEncoder().encode(JSON.stringify(gltf)), 'models/draco.gltf', 'd'));
    expect(err.code).toBe('unsupported');
    const empty = { asset: { version: '2.0' }, scenes: [{ nodes: [0] }], nodes: [{ name: 'n' }] };
    expect((await refusal(buildGltfParts(scene(), new TextEncoder().encode(JSON.stringify(empty)), 'models/e.gltf', 'e'))).code).toBe(
      'empty',
    );
  });
});
