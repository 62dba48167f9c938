/**
 * The project's machine models are made by its own script (assets/models/build.ts): the committed
 * .glb files are exactly what it builds from the Thing Descriptions' recipes, within the bounds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MACHINES, buildMachine } from '../../../assets/models/build.js';
import { MODEL_MAX_BYTES, MODEL_MAX_TRIANGLES } from '../../../shared/twin/modelLimits.js';
import type { Primitive } from '../../../shared/twin/extension.js';

describe('the project builds its own machine models', () => {
  it.each(MACHINES.map((m) => [m.file, m] as const))('GM6: %s is what build.ts makes from its TD, within the bounds', async (file, m) => {
    const td = JSON.parse(fs.readFileSync(path.join('assets/twins', m.td), 'utf8')) as {
      'tv:twin': { model: { gltf?: string; primitives: Primitive[] } };
    };
    expect(td['tv:twin'].model.gltf).toBe(`models/${file}`);
    const { glb, triangles } = await buildMachine(td['tv:twin'].model.primitives, m.look(), file.replace(/\.glb$/, ''));
    const committed = fs.readFileSync(path.join('assets/models', file));
    expect(Buffer.compare(committed, Buffer.from(glb))).toBe(0);
    expect(committed.byteLength).toBeLessThan(MODEL_MAX_BYTES);
    expect(triangles).toBeLessThan(MODEL_MAX_TRIANGLES);
  });
});
