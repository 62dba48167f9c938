/**
 * Layouts with an IFC building on a real server (SPEC BM2, BM3, BM7): the plant space opens sized to
 * its building with the pump twin at its IfcPump, the converted glb and index are served, and a
 * layout whose building is broken opens with its procedural hall.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../shared/protocol/validation.js';
import { BuildingIndex } from '../../shared/space/building.js';
import { sampleGuid } from '../../assets/buildings/build.js';
import { join } from '../support/clients.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';
import { uniqueName } from '../support/services.js';
import { twinOf } from '../support/twinServer.js';

let server: TestServer;
let assets: TwinAssets;

const layout = (building: string) => ({
  version: 1,
  title: `Plant ${building}`,
  building,
  hall: { width: 30, depth: 20, height: 6 },
  spawn: { x: 0, z: 6, yaw: 0 },
  twins: [{ twin: 'pump-1', position: [0, 0, 0], ifc: sampleGuid('Pump P-101') }],
});

beforeAll(async () => {
  assets = makeTwinAssets(uniqueName('tvbim'), {});
  fs.mkdirSync(path.join(assets.dir, 'buildings'));
  fs.copyFileSync('assets/buildings/plant.ifc', path.join(assets.dir, 'buildings/plant.ifc'));
  fs.writeFileSync(
    path.join(assets.dir, 'buildings/broken.ifc'),
    "ISO-10303-21;\nHEADER;\nFILE_SCHEMA(('IFC4'));\nENDSEC;\nDATA;\n#1=IFCWALL(",
  );
  fs.writeFileSync(path.join(assets.dir, 'spaces/plant.json'), JSON.stringify(layout('buildings/plant.ifc')));
  fs.writeFileSync(path.join(assets.dir, 'spaces/broken.json'), JSON.stringify(layout('buildings/broken.ifc')));
  server = await startTestServer({ assetsDir: assets.dir }, { SIMULATOR: 'off' });
  // Two buildings read one after the other in a worker thread: slow on a busy machine.
}, 180_000);
afterAll(async () => {
  await server?.close();
  assets?.remove();
});

describe('a space that is an IFC building', () => {
  it('BM3 BM7: the plant opens sized to its building, its pump twin standing at the IfcPump, and names its building', async () => {
    const a = await join(server.endpoint, { space: 'plant' });
    const s = a.room.state.space;
    expect(s.building).toBe('plant');
    expect([s.width, s.depth, s.height]).toEqual([24, 18, 8]);
    const pump = twinOf(a, 'pump-1')!;
    expect(pump.px).toBeCloseTo(6.5, 3);
    expect(pump.py).toBeCloseTo(0, 3);
    expect(pump.pz).toBeCloseTo(-1, 3);
    await a.room.leave();
  });

  it('BM3: the converted glb and its element index are served for the layout, nothing else of the folder', async () => {
    const glb = await fetch(`${server.url}/assets/buildings/plant.glb`);
    expect(glb.status).toBe(200);
    expect(glb.headers.get('content-type')).toContain('model/gltf-binary');
    expect(
      Buffer.from(await glb.arrayBuffer())
        .subarray(0, 4)
        .toString(),
    ).toBe('glTF');
    const res = await fetch(`${server.url}/assets/buildings/plant.json`);
    const json = (await res.json()) as { twins: Record<string, number> };
    const { twins: _twins, ...rest } = json;
    expect(check(BuildingIndex, rest).ok).toBe(true);
    const index = json as unknown as BuildingIndex & { twins: Record<string, number> };
    expect(index.elements).toHaveLength(17);
    expect(index.elements.find((e) => e.id === index.twins['pump-1'])?.globalId).toBe(sampleGuid('Pump P-101'));
    for (const other of ['plant.ifc', 'broken.glb', 'broken.json', 'factory.glb', 'build.ts', '..%2Fspaces%2Fplant.json']) {
      const r = await fetch(`${server.url}/assets/buildings/${other}`);
      expect(r.status, other).toBe(404);
      await r.arrayBuffer();
    }
  });

  it('BM2: a layout whose building is broken opens with its procedural hall, as its layout sizes it', async () => {
    const a = await join(server.endpoint, { space: 'broken' });
    const s = a.room.state.space;
    expect(s.building).toBe('');
    expect([s.width, s.depth, s.height]).toEqual([30, 20, 6]);
    expect(twinOf(a, 'pump-1')!.px).toBe(0);
    await a.room.leave();
  });
});
