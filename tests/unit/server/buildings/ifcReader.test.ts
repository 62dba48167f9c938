/**
 * The IFC reader and converter on the project's own sample plant (assets/buildings/plant.ifc), and
 * on broken, truncated and hostile variants of it: each refused with a BuildingError that names the
 * file and the problem.
 */
import fs from 'node:fs';
import { NodeIO } from '@gltf-transform/core';
import { describe, expect, it } from 'vitest';
import { BuildingError, DEFAULT_LIMITS, readIfc } from '../../../../server/buildings/ifcReader.js';
import { toGlb } from '../../../../server/buildings/toGlb.js';
import { BuildingIndex } from '../../../../shared/space/building.js';
import { check } from '../../../../shared/protocol/validation.js';
import { buildPlant, sampleGuid } from '../../../../assets/buildings/build.js';
import { rejectedWith } from '../../../support/rejection.js';

const FILE = 'buildings/plant.ifc';
const sample = new Uint8Array(fs.readFileSync(`assets/${FILE}`));
const text = new TextDecoder().decode(sample);
const bytes = (s: string) => new TextEncoder().encode(s);

const refused = (p: Promise<unknown>) => rejectedWith(p, BuildingError);

describe('IFC sample plant', () => {
  it('BM1: the committed sample is what assets/buildings/build.ts writes with web-ifc’s writer, in the IFC 4 schema', async () => {
    const built = await buildPlant();
    expect(Buffer.compare(Buffer.from(built), Buffer.from(sample))).toBe(0);
    expect(text).toContain("FILE_SCHEMA(('IFC4'))");
  });

  it('BM2 BM10: reading it gives its 17 elements, two storeys, stable unique GlobalIds and property sets', async () => {
    const b = await readIfc(sample, FILE);
    expect(b.schema).toBe('IFC4');
    expect(b.storeys.map((s) => [s.name, s.elevation])).toEqual([
      ['Ground floor', 0],
      ['Mezzanine', 4.5],
    ]);
    expect(b.elements).toHaveLength(17);
    const types = b.elements.map((e) => e.type).sort();
    expect(types.filter((t) => t === 'IfcWall')).toHaveLength(9);
    expect(types.filter((t) => t === 'IfcSlab')).toHaveLength(2);
    expect(types.filter((t) => t === 'IfcPump')).toHaveLength(2);
    expect(types.filter((t) => t === 'IfcTank')).toHaveLength(2);
    expect(types.filter((t) => t === 'IfcDoor')).toHaveLength(1);
    expect(types.filter((t) => t === 'IfcStairFlight')).toHaveLength(1);
    const ids = b.elements.map((e) => e.globalId);
    expect(new Set(ids).size).toBe(17);
    for (const id of ids) expect(id).toMatch(/^[0-3][0-9A-Za-z_$]{21}$/);
    const pump = b.elements.find((e) => e.name === 'Pump P-101')!;
    expect(pump.globalId).toBe(sampleGuid('Pump P-101'));
    expect(pump.storey).toBe(0);
    expect(pump.psets.Pset_ManufacturerTypeInformation).toEqual({ Manufacturer: 'Twinverse Pumps', ModelReference: 'TP-120' });
    expect(b.elements.find((e) => e.name === 'Tank T-301')!.storey).toBe(1);
    expect(b.elements.find((e) => e.name === 'Main door')!.role).toBe('door');
    const stair = b.elements.find((e) => e.name === 'Stair to the mezzanine')!;
    expect([stair.role, stair.storey, stair.globalId]).toEqual(['stair', 0, sampleGuid('Stair to the mezzanine')]);
  });

  it('BM10: the conversion marks the stair as a walking surface that climbs north (protocol −z) from the ground to the mezzanine’s edge', async () => {
    const { index } = await toGlb(await readIfc(sample, FILE), FILE);
    const stair = index.elements.find((e) => e.name === 'Stair to the mezzanine')!;
    // Along the east wall (inner face x 11.75), 1.6 m wide; 24 risers of 0.28 m going end at the
    // mezzanine slab's south edge (protocol z −0.125), from the ground (0) to the slab's top (4.5).
    expect(stair.min).toEqual([10.15, 0, -0.125]);
    expect(stair.max).toEqual([11.75, 4.5, 6.595]);
    expect(stair.climbs).toEqual([0, -1]);
    const mezzanine = index.elements.find((e) => e.name === 'Mezzanine floor')!;
    expect(stair.max[1]).toBe(mezzanine.max[1]);
    expect(stair.min[2]).toBe(mezzanine.max[2]);
    // Only a stair (or ramp) climbs: walls, slabs and machines have no walking slope.
    expect(index.elements.filter((e) => e.climbs).map((e) => e.name)).toEqual(['Stair to the mezzanine']);
    expect(index.batches.filter((b) => b.role === 'stair').map((b) => b.ranges.map((r) => r[0]))).toEqual([[stair.id]]);
  });

  it('BM2 BM3: a known wall stands where the file places it (IFC +Z up → +Y, north → −Z) in the index', async () => {
    const { index, glb } = await toGlb(await readIfc(sample, FILE), FILE);
    expect(check(BuildingIndex, index).ok).toBe(true);
    const north = index.elements.find((e) => e.name === 'Wall north')!;
    expect(north.role).toBe('wall');
    expect(north.min).toEqual([-12, 0, -9]);
    expect(north.max).toEqual([12, 4.5, -8.75]);
    const mezzanine = index.elements.find((e) => e.name === 'Mezzanine floor')!;
    expect(mezzanine.max[1]).toBeCloseTo(4.5, 5);
    expect(index.min).toEqual([-12, -0.2, -9]);
    expect(index.max).toEqual([12, 8, 9]);
    // Batched by storey, role and colour; every triangle belongs to one element's range.
    expect(index.batches.length).toBeLessThanOrEqual(10);
    const doc = await new NodeIO().readBinary(glb);
    const nodes = doc.getRoot().listNodes();
    expect(nodes.map((n) => n.getName())).toEqual(index.batches.map((b) => b.node));
    let triangles = 0;
    for (const batch of index.batches) {
      const count = nodes
        .find((n) => n.getName() === batch.node)!
        .getMesh()!
        .listPrimitives()[0]!
        .getIndices()!
        .getCount();
      expect(batch.ranges.reduce((s, r) => s + r[2], 0)).toBe(count);
      triangles += count / 3;
    }
    expect(triangles).toBe(index.triangles);
  });
});

describe('IFC files the server refuses', () => {
  it('BM2: not a STEP file → not_ifc, naming the file', async () => {
    const err = await refused(readIfc(bytes('{"hello": "world"}'), 'buildings/x.ifc'));
    expect(err.code).toBe('not_ifc');
    expect(err.message).toMatch(/^buildings\/x\.ifc: not ifc/);
  });

  it('BM2: a file cut off half way → truncated', async () => {
    const err = await refused(readIfc(sample.subarray(0, sample.byteLength >> 1), FILE));
    expect(err.code).toBe('truncated');
    expect(err.message).toContain(FILE);
  });

  it('BM2: past the size or triangle limit → too_large, too_many_triangles', async () => {
    expect((await refused(readIfc(sample, FILE, { ...DEFAULT_LIMITS, maxBytes: 1000 }))).code).toBe('too_large');
    expect((await refused(readIfc(sample, FILE, { ...DEFAULT_LIMITS, maxTriangles: 50 }))).code).toBe('too_many_triangles');
    expect((await refused(readIfc(sample, FILE, { ...DEFAULT_LIMITS, maxElements: 3 }))).code).toBe('too_many_elements');
  });

  it('BM2: an unknown schema → unsupported_schema; a frame with no elements → empty; garbage lines → a named error', async () => {
    expect((await refused(readIfc(bytes(text.replace("('IFC4')", "('IFC9')")), FILE))).code).toBe('unsupported_schema');
    const empty = text.replace(/DATA;[\s\S]*ENDSEC;\s*END-ISO/, 'DATA;\nENDSEC;\nEND-ISO');
    expect((await refused(readIfc(bytes(empty), FILE))).code).toBe('empty');
    // Lines that reference what is not there, cycles, and junk: refused or read without what is broken, never a crash.
    const hostile = text.replace(/#59=IFCWALL\([^;]*;/, "#59=IFCWALL('x',#59,#59,(#99999,#59),$,#59,#59,$,.NOPE.);#60=@@@;");
    const outcome = await readIfc(bytes(hostile), FILE).then(
      (b) => b.elements.length,
      (e: unknown) => e,
    );
    if (typeof outcome === 'number') expect(outcome).toBeLessThanOrEqual(16);
    else expect(outcome).toBeInstanceOf(BuildingError);
  });
});
