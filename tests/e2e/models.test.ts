/**
 * The factory's machines drawn from the project's own glTF models in a real browser (SPEC GM1–GM3 are
 * named one by one below): each machine's parts come from its .glb, and the simulator's values drive
 * bindings on glTF nodes — the pump's fan spins, its casing takes its colour.
 */
import { describe, expect, it } from 'vitest';
import { useE2E } from '../support/e2eSuite.js';

// No broker: the built-in simulator runs the machines.
const e2e = useE2E({}, { SIMULATOR: 'on' });

describe('glTF machines (e2e)', () => {
  it('GM1 GM2 GM3: the factory shows its machines from their glb files; the simulated pump spins its fan node and colours its casing node', async () => {
    const a = await e2e.join('?space=e2e-models&name=Ada', { width: 1280, height: 720 });
    await a.page.waitForFunction(
      () => ((l) => l.length >= 3 && l.every((t) => t.drawn))(window.twinverse!.features.twins!.list()),
      undefined,
      {
        timeout: 60_000,
      },
    );
    const models = await a.page.evaluate(() =>
      ['pump-1', 'cnc-1', 'conveyor-1'].map((id) => ({ id, ...window.twinverse!.features.twins!.model(id)! })),
    );
    for (const m of models) {
      expect(m.source, m.id).toBe('gltf');
      expect(m.problem, m.id).toBeNull();
      expect(m.triangles, m.id).toBeGreaterThan(1000);
    }
    // The pump's parts are its nodes: the recipe's ids and the look's extra ones.
    expect(models[0]!.parts).toEqual(expect.arrayContaining(['skid', 'motor', 'fan', 'casing', 'guard', 'suction', 'instrumentPost']));

    // The simulator runs the pump: the rotate binding turns the fan node (twice, to see it keep turning).
    await a.page.waitForFunction(() => (window.twinverse!.features.twins!.value('pump-1', 'speed')?.num ?? 0) > 0, undefined, {
      timeout: 30_000,
    });
    const turned = async () => {
      const before = await a.page.evaluate(() => window.twinverse!.features.twins!.partRotation('pump-1', 'fan'));
      await a.page.waitForFunction(
        (q) => {
          const now = window.twinverse!.features.twins!.partRotation('pump-1', 'fan')!;
          return Math.abs(now[0] * q[0] + now[1] * q[1] + now[2] * q[2] + now[3] * q[3]) < 0.999;
        },
        before!,
        { timeout: 15_000 },
      );
    };
    await turned();
    await turned();
    // The colour binding drives the casing node's own material.
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.binding('pump-1', 'casing').color !== undefined);
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.binding('pump-1', 'casing').color)).toMatch(/^#[0-9A-F]{6}$/);

    await e2e.shot(a.page, 'models-factory');
    await a.page.evaluate(() => window.twinverse!.teleport(4.6, 3.0, -0.44));
    await a.page.waitForFunction(() => window.twinverse!.player().z > 2);
    await e2e.shot(a.page, 'models-pump');
    await a.page.evaluate(() => window.twinverse!.teleport(-4.6, 3.0, 0.44));
    await a.page.waitForFunction(() => window.twinverse!.player().x < -4);
    await e2e.shot(a.page, 'models-cnc');
  });
});
