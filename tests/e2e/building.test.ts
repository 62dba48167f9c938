/**
 * The IFC building as the space in a real browser (SPEC BM4, BM5, BM6, BM8): the plant's glb stands
 * in for the hall, pointing at a wall shows its IFC identity, storeys hide and walls cut away, and the
 * pump twin bound to its IfcPump tints the element and carries its properties on its panel.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';

let e2e: E2E;

beforeAll(async () => {
  // No broker: the built-in simulator runs the pump.
  e2e = await startE2E({}, { SIMULATOR: 'on' });
});
afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await e2e?.close();
});

describe('IFC building (e2e)', () => {
  it('BM4 BM6: the plant renders as the space, and pointing at a wall shows its IFC type, name, GlobalId and storey', async () => {
    const a = await e2e.join('?space=plant&name=Ada', { width: 960, height: 600 });
    await a.page.waitForFunction(() => !!window.twinverse!.features.building, undefined, { timeout: 30_000 });
    const summary = await a.page.evaluate(() => window.twinverse!.features.building!.summary());
    expect(summary.elements).toBe(16);
    expect(summary.storeys).toEqual(['Ground floor', 'Mezzanine']);
    expect(summary.meshes).toBe(8);
    expect(summary.twins['pump-1']).toBeGreaterThan(0);
    // Stand near the door looking north, into the hall.
    await a.page.evaluate(() => window.twinverse!.teleport(-2, 7, 0));
    await a.page.waitForFunction(() => window.twinverse!.player().x < -1.5);
    // The controls card folds by itself later; fold it now to see the building.
    await a.page.keyboard.press('KeyH');
    await a.page.waitForFunction(
      () => document.getElementById('help')?.hidden !== false || !document.getElementById('help')?.checkVisibility(),
    );
    await e2e.shot(a.page, 'building-plant');

    const at = await a.page.evaluate(() => window.twinverse!.features.building!.screenPoint('Wall north'));
    expect(at).not.toBeNull();
    await a.page.mouse.move(at!.x, at!.y);
    await a.page.waitForFunction(() => window.twinverse!.features.building!.card() !== null, undefined, { timeout: 15_000 });
    const card = await a.page.evaluate(() => window.twinverse!.features.building!.card()!);
    expect(card.element.type).toBe('IfcWall');
    expect(card.element.name).toBe('Wall north');
    expect(card.text).toContain('IfcWall · Wall north');
    expect(card.text).toContain(`GlobalId ${card.element.globalId}`);
    expect(card.text).toContain('Ground floor');
    await e2e.shot(a.page, 'building-wall-card');

    // Pointing at the tank shows its property sets.
    const tank = await a.page.evaluate(() => window.twinverse!.features.building!.screenPoint('Tank T-201'));
    await a.page.mouse.move(tank!.x, tank!.y);
    await a.page.waitForFunction(() => window.twinverse!.features.building!.card()?.element.name === 'Tank T-201', undefined, {
      timeout: 15_000,
    });
    const text = await a.page.evaluate(() => window.twinverse!.features.building!.card()!.text);
    expect(text).toContain('IfcTank · Tank T-201');
    expect(text).toContain('Pset_TankTypeCommon: NominalCapacity 25, StorageType Water');
    await e2e.shot(a.page, 'building-tank-card');
  });

  it('BM5: storeys can be hidden and the walls cut away from the building panel', async () => {
    const a = await e2e.join('?space=plant&name=Bo', { width: 960, height: 600 });
    await a.page.waitForFunction(() => !!window.twinverse!.features.building, undefined, { timeout: 30_000 });
    const all = (await a.page.evaluate(() => window.twinverse!.features.building!.visible())).enabledMeshes;
    await a.page.click('#building-panel input[data-storey="1"]');
    await a.page.waitForFunction(() => window.twinverse!.features.building!.visible().storeys[1] === false);
    const upperHidden = (await a.page.evaluate(() => window.twinverse!.features.building!.visible())).enabledMeshes;
    expect(upperHidden).toBeLessThan(all);
    await a.page.click('#building-cutaway');
    await a.page.waitForFunction(() => window.twinverse!.features.building!.visible().cutaway);
    const cut = (await a.page.evaluate(() => window.twinverse!.features.building!.visible())).enabledMeshes;
    expect(cut).toBeLessThan(upperHidden);
    await a.page.evaluate(() => window.twinverse!.teleport(0, 14, 0));
    await e2e.shot(a.page, 'building-cutaway');
  });

  it('BM8: the pump twin stands at its IfcPump, tints it with its state, and its panel shows the element’s properties', async () => {
    const a = await e2e.join('?space=plant&name=Cy', { width: 960, height: 600 });
    await a.page.waitForFunction(() => window.twinverse!.features.twins?.list().some((t) => t.id === 'pump-1'), undefined, {
      timeout: 30_000,
    });
    const where = await a.page.evaluate(() => window.twinverse!.features.twins!.worldPoint('pump-1'));
    expect(where!.x).toBeCloseTo(6.5, 1);
    expect(where!.z).toBeCloseTo(-1, 1);
    // The tint follows the twin's state: stale grey, an alarm's colour, or none when all is well.
    const state = await a.page.evaluate(() => {
      const t = window.twinverse!.features.twins!.list().find((x) => x.id === 'pump-1')!;
      return { tint: window.twinverse!.features.building!.tint('Pump P-101'), alarms: t.alarms, greyed: t.greyed };
    });
    if (state.alarms.length > 0) expect(state.tint).not.toBeNull();
    else if (state.greyed) expect(state.tint).toBe('#8A96A3');
    else expect(state.tint).toBeNull();
    await a.page.evaluate(() => window.twinverse!.features.twins!.openPanel('pump-1'));
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panel()?.twin === 'pump-1');
    const text = await a.page.evaluate(() => window.twinverse!.features.twins!.panel()!.text);
    expect(text).toContain('Building element: IfcPump · Pump P-101');
    expect(text).toContain('Pset_ManufacturerTypeInformation: Manufacturer Twinverse Pumps');
    await e2e.shot(a.page, 'building-pump-panel');
  });
});
