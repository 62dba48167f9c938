/**
 * The building reader's thread (SPEC BM2): the named errors come back from the worker as they do
 * from the reader itself, and the thread's own bounds — its time budget and its heap — end it with
 * `too_slow` / `out_of_memory`, the server's process unharmed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BuildingError, DEFAULT_LIMITS } from '../../../../server/buildings/ifcReader.js';
import { DEFAULT_BUDGET, readInWorker } from '../../../../server/buildings/readInWorker.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'twinverse-reader-'));
fs.mkdirSync(path.join(dir, 'buildings'));
const sample = fs.readFileSync('assets/buildings/plant.ifc');
const put = (name: string, content: string | Buffer) => fs.writeFileSync(path.join(dir, 'buildings', name), content);
put('plant.ifc', sample);
put('cut.ifc', sample.subarray(0, sample.byteLength >> 1));
put('json.ifc', '{"hello": "world"}');
put('ifc9.ifc', sample.toString().replace("('IFC4')", "('IFC9')"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function refusal(file: string, limits = DEFAULT_LIMITS, budget = DEFAULT_BUDGET): Promise<BuildingError> {
  const err = await readInWorker(dir, file, limits, budget).done.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, file).toBeInstanceOf(BuildingError);
  return err as BuildingError;
}

describe('reading a building in its own thread', () => {
  it('BM2: the sample is read and converted in the worker: glb, index and no map conversion', async () => {
    const b = await readInWorker(dir, 'buildings/plant.ifc').done;
    expect(Buffer.from(b.glb.subarray(0, 4)).toString()).toBe('glTF');
    expect(b.index.elements).toHaveLength(17);
    expect(b.map).toBeNull();
  }, 120_000);

  it('BM2: the reader’s named errors come back from the worker, naming the file', async () => {
    const cases: [string, string, typeof DEFAULT_LIMITS?][] = [
      ['buildings/missing.ifc', 'unreadable'],
      ['buildings/json.ifc', 'not_ifc'],
      ['buildings/cut.ifc', 'truncated'],
      ['buildings/ifc9.ifc', 'unsupported_schema'],
      ['buildings/plant.ifc', 'too_large', { ...DEFAULT_LIMITS, maxBytes: 1000 }],
      ['buildings/plant.ifc', 'too_many_triangles', { ...DEFAULT_LIMITS, maxTriangles: 50 }],
    ];
    for (const [file, code, limits] of cases) {
      const err = await refusal(file, limits);
      expect(err.code, file).toBe(code);
      expect(err.message, file).toMatch(new RegExp(`^${file.replace('.', '\\.')}: `));
    }
  }, 300_000);

  it('BM2: a read past its time budget is ended: too_slow', async () => {
    // No budget at all: the thread cannot even load the reader before it is up.
    const err = await refusal('buildings/plant.ifc', DEFAULT_LIMITS, { ...DEFAULT_BUDGET, seconds: 0 });
    expect(err.code).toBe('too_slow');
    expect(err.message).toMatch(/^buildings\/plant\.ifc: too slow \(not read within 0 s\)/);
  }, 60_000);

  it('BM2: a read that needs more heap than the thread may have is ended: out_of_memory', async () => {
    const err = await refusal('buildings/plant.ifc', DEFAULT_LIMITS, { ...DEFAULT_BUDGET, heapMb: 2 });
    expect(err.code).toBe('out_of_memory');
    expect(err.message).toMatch(/^buildings\/plant\.ifc: out of memory/);
  }, 60_000);
});
