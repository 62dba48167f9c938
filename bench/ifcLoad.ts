/**
 * IFC load figures (SPEC BM2, BM3): time and memory to read and convert the project's sample plant and
 * a synthetic ~50 MB IFC4 model generated here (not committed: a grid of walls, each with its own
 * placement, extruded geometry and a property set of ten values — property data is most of a real
 * file's bytes). The synthetic model is past the default limits (elements, triangles): its refusal is
 * timed, then it is converted with the limits raised, as a deployment that raised them would.
 *
 *   npx tsx bench/ifcLoad.ts [megabytes=50]
 */
import fs from 'node:fs';
import { BuildingError, DEFAULT_LIMITS, readIfc } from '../server/buildings/ifcReader.js';
import { toGlb } from '../server/buildings/toGlb.js';
import { syntheticIfc as synthetic } from '../tests/support/syntheticIfc.js';

const MB = Number(process.argv[2] ?? 50);

const mib = (n: number) => `${(n / 1048576).toFixed(0)} MiB`;

async function measure(label: string, bytes: Uint8Array, limits = DEFAULT_LIMITS): Promise<void> {
  const before = process.memoryUsage().rss;
  const t0 = performance.now();
  try {
    const read = await readIfc(bytes, label, limits);
    const t1 = performance.now();
    const { glb, index } = await toGlb(read, label);
    const t2 = performance.now();
    const after = process.memoryUsage().rss;
    console.log(
      `${label}: ${(bytes.byteLength / 1048576).toFixed(1)} MB, ${index.elements.length} elements, ${index.triangles} triangles, ` +
        `${index.batches.length} batches → read ${(t1 - t0).toFixed(0)} ms, convert ${(t2 - t1).toFixed(0)} ms, ` +
        `glb ${(glb.byteLength / 1048576).toFixed(1)} MB, index ${(JSON.stringify(index).length / 1048576).toFixed(1)} MB; ` +
        `RSS ${mib(before)} → ${mib(after)}`,
    );
  } catch (err) {
    if (!(err instanceof BuildingError)) throw err;
    console.log(
      `${label}: refused in ${(performance.now() - t0).toFixed(0)} ms — ${err.message}; RSS ${mib(before)} → ${mib(process.memoryUsage().rss)}`,
    );
  }
}

await measure('plant.ifc', new Uint8Array(fs.readFileSync('assets/buildings/plant.ifc')));
const big = synthetic(MB);
await measure(`synthetic ${MB} MB (default limits)`, big);
await measure(`synthetic ${MB} MB (limits raised)`, big, { maxBytes: 200 * 1048576, maxTriangles: 2_000_000, maxElements: 100_000 });
