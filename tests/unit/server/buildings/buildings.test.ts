/**
 * Layouts with buildings: a twin bound by GlobalId stands at its element, the hall takes the
 * building's size, and a building that cannot be used is one log line and the procedural hall.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBuildings, placeInBuilding, loadBuilding } from '../../../../server/buildings/buildings.js';
import { SpaceLayouts } from '../../../../server/spaces/layouts.js';
import { check } from '../../../../shared/protocol/validation.js';
import { SpaceLayout } from '../../../../shared/space/layout.js';
import { sampleGuid } from '../../../../assets/buildings/build.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-buildings-'));
fs.mkdirSync(path.join(dir, 'buildings'));
fs.copyFileSync('assets/buildings/plant.ifc', path.join(dir, 'buildings/plant.ifc'));
fs.writeFileSync(path.join(dir, 'buildings/cut.ifc'), fs.readFileSync('assets/buildings/plant.ifc').subarray(0, 5000));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const PUMP = sampleGuid('Pump P-101');
const layout = (building: string, ifc = PUMP) => {
  const r = check(SpaceLayout, {
    version: 1,
    title: 'Plant',
    building,
    hall: { width: 10, depth: 10, height: 5 },
    spawn: { x: 0, z: 6, yaw: 0 },
    twins: [
      { twin: 'pump-1', position: [0, 0, 0], ifc },
      { twin: 'cnc-1', position: [1, 0, 2] },
    ],
  });
  if (!r.ok) throw new Error(r.problems);
  return r.value;
};

function logged() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  return { log: pino({ level: 'info' }, sink), lines };
}

describe('layouts with a building', () => {
  it('BM1: a layout names its building under buildings/ and a twin its element by GlobalId; other paths and ids are refused', () => {
    expect(layout('buildings/plant.ifc').building).toBe('buildings/plant.ifc');
    for (const bad of ['../secrets.ifc', 'buildings/../x.ifc', 'buildings/plant.glb', '/etc/passwd'])
      expect(check(SpaceLayout, { ...layout('buildings/plant.ifc'), building: bad }).ok, bad).toBe(false);
    expect(() => layout('buildings/plant.ifc', 'not-a-guid')).toThrow(/GlobalId/);
  });

  it('BM7: a twin bound by GlobalId stands at the middle of its element’s footprint; the hall spans the building', async () => {
    const { index } = await loadBuilding(dir, 'buildings/plant.ifc');
    const placed = placeInBuilding(layout('buildings/plant.ifc'), index);
    const pump = placed.layout.twins.find((t) => t.twin === 'pump-1')!;
    expect(pump.position[0]).toBeCloseTo(6.5, 3);
    expect(pump.position[1]).toBeCloseTo(0, 3);
    expect(pump.position[2]).toBeCloseTo(-1, 3);
    expect(placed.layout.twins.find((t) => t.twin === 'cnc-1')!.position).toEqual([1, 0, 2]);
    expect(placed.twins['pump-1']).toBe(index.elements.find((e) => e.globalId === PUMP)!.id);
    expect(placed.layout.hall).toEqual({ width: 24, depth: 18, height: 8 });
    const lost = placeInBuilding(layout('buildings/plant.ifc', sampleGuid('no such element')), index);
    expect(lost.unknown).toEqual([sampleGuid('no such element')]);
    expect(lost.layout.twins.find((t) => t.twin === 'pump-1')!.position).toEqual([0, 0, 0]);
  });

  it('BM2: buildings are read in worker threads; a broken building is one log line naming the file and the problem; its layout opens with the procedural hall', async () => {
    const { log, lines } = logged();
    const layouts = new SpaceLayouts(
      new Map([
        ['good', layout('buildings/plant.ifc')],
        ['cut', layout('buildings/cut.ifc')],
        ['missing', layout('buildings/missing.ifc')],
      ]),
      [],
    );
    const buildings = loadBuildings(layouts, dir, log);
    expect(buildings.loading()).toEqual(['buildings/cut.ifc', 'buildings/missing.ifc', 'buildings/plant.ifc']);
    await buildings.settled();
    expect(buildings.loading()).toEqual([]);
    const opened = layouts;
    expect(buildings.of('good')?.index.elements).toHaveLength(17);
    expect(opened.resolve('good').layout.building).toBe('buildings/plant.ifc');
    for (const name of ['cut', 'missing']) {
      expect(buildings.of(name)).toBeUndefined();
      expect(opened.resolve(name).layout.building).toBeUndefined();
      expect(opened.resolve(name).layout.hall).toEqual({ width: 10, depth: 10, height: 5 });
    }
    const errors = lines.map((l) => JSON.parse(l) as { level: number; msg: string; file?: string }).filter((l) => l.level >= 50);
    expect(errors.map((e) => e.file).sort()).toEqual(['buildings/cut.ifc', 'buildings/missing.ifc']);
    expect(errors.find((e) => e.file === 'buildings/cut.ifc')!.msg).toMatch(/buildings\/cut\.ifc: truncated/);
    expect(errors.find((e) => e.file === 'buildings/missing.ifc')!.msg).toMatch(/unreadable \(ENOENT\)/);
    for (const l of lines) expect(l).not.toMatch(/\n\s+at /);
  }, 180_000);
});
