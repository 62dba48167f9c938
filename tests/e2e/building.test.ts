/**
 * The IFC building as the space in a real browser (SPEC BM4, BM5, BM6, BM8): the plant's glb stands
 * in for the hall, pointing at a wall shows its IFC identity, storeys hide and walls cut away, and the
 * pump twin bound to its IfcPump tints the element and carries its properties on its panel. In an
 * emulated Quest 3 (iwer) the controller's ray shows the card in the world (BM6a), and people stand
 * on the mezzanine (BM9) and walk up the stair to it (BM10). iwer ignores offset reference spaces (xr.test.ts): a headset "on the
 * mezzanine" is put there by its head's height; a teleport is read from Babylon's observable.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startE2E, type E2E } from '../support/e2e.js';
import { serverPoseOf } from '../support/server.js';
import { waitForAsync } from '../support/wait.js';
import { enterVr as enterVrRig, type V, type XrRig } from '../support/xrRig.js';

let e2e: E2E;

/** The plant in VR (the app's own button, once its building is in) with the emulated head at `head`. */
async function enterVr(head: V): Promise<XrRig> {
  const a = await e2e.join('?space=plant&name=Vera&xr=emulate', { width: 960, height: 600 });
  await a.page.waitForFunction(() => !!window.twinverse!.features.building, undefined, { timeout: 30_000 });
  return enterVrRig(a.page, head);
}

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
    expect(summary.elements).toBe(17);
    expect(summary.storeys).toEqual(['Ground floor', 'Mezzanine']);
    expect(summary.meshes).toBe(9);
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

  it('BM6a: in VR the controller’s ray at a wall shows its IFC card in the world, near it and turned to the viewer; the trigger keeps it until a trigger elsewhere', async () => {
    const head = { x: -2, y: 1.7, z: 5 };
    const vr = await enterVr(head);
    const api = 'window.twinverse.features.building';
    // The left hand points at the sky (nothing there: the building has no roof), out of the way.
    await vr.aim('left', { x: -2.3, y: 1.35, z: 4.6 }, { x: -2.3, y: 30, z: 4.6 });
    const hand = { x: -1.7, y: 1.35, z: 4.6 };
    const wall = { x: 2, y: 1.5, z: -8.75 };
    await vr.aim('right', hand, wall);
    await vr.page.waitForFunction(`${api}.vrCard()?.element.name === 'Wall north'`, undefined, { timeout: 20_000 });
    const card = (await vr.page.evaluate(() => window.twinverse!.features.building!.vrCard()))!;
    expect(card.lines[0]).toBe('IfcWall · Wall north');
    expect(card.lines[1]).toBe(`GlobalId ${card.element.globalId} · Ground floor`);
    // Readable: within arm's reach and a step, square to the eyes, on the way to the wall.
    expect(card.distance).toBeGreaterThan(0.7);
    expect(card.distance).toBeLessThan(2.7);
    expect(card.facing).toBeGreaterThan(0.95);
    expect(card.position.z).toBeLessThan(head.z);
    expect(card.position.z).toBeGreaterThan(wall.z);
    await e2e.shot(vr.page, 'building-vr-wall-card');

    // Pointing at the tank shows its property sets on the card.
    const tank = (await vr.page.evaluate(() => window.twinverse!.features.building!.element('Tank T-201')))!;
    await vr.aim('right', hand, { x: (tank.min[0] + tank.max[0]) / 2, y: 1.5, z: tank.max[2] });
    await vr.page.waitForFunction(`${api}.vrCard()?.element.name === 'Tank T-201'`, undefined, { timeout: 20_000 });
    const lines = await vr.page.evaluate(() => window.twinverse!.features.building!.vrCard()!.lines);
    expect(lines).toContain('Pset_TankTypeCommon: NominalCapacity 25, StorageType Water');
    await e2e.shot(vr.page, 'building-vr-tank-card');

    // The trigger keeps it: the ray moves off to the sky and the card stays.
    await vr.press('right', 'trigger');
    await vr.aim('right', hand, { x: -1.7, y: 30, z: 4.6 });
    await vr.frames(3);
    expect(await vr.page.evaluate(() => window.twinverse!.features.building!.vrCard()?.element.name)).toBe('Tank T-201');
    // A trigger elsewhere lets it go.
    await vr.press('right', 'trigger');
    await vr.page.waitForFunction(`${api}.vrCard() === null`, undefined, { timeout: 20_000 });
  });

  it('BM9: a VR teleport onto the mezzanine’s slab lands on it, and the server takes a head on the upper storey', async () => {
    // A headset standing on the mezzanine (slab top 4.5 m): eyes at 6.2 m.
    const head = { x: 2, y: 6.2, z: -3 };
    const vr = await enterVr(head);
    await waitForAsync(
      'the head on the mezzanine on the server',
      async () => {
        const p = await serverPoseOf(vr.id);
        return p !== null && Math.abs(p.head.py - head.y) < 0.05;
      },
      30_000,
      50,
    );
    await vr.aim('right', { x: 2.3, y: 5.85, z: -3.4 }, { x: 2.3, y: 4.5, z: -6.5 });
    await vr.frames(2);
    await vr.page.evaluate(() => window.twinverse!.features.xr!.emulator!.axes('right', 'thumbstick', 0, -1));
    await vr.frames(12);
    await vr.page.evaluate(() => window.twinverse!.features.xr!.emulator!.axes('right', 'thumbstick', 0, 0));
    await vr.page.waitForFunction(() => window.twinverse!.features.xr!.teleports() === 1, undefined, { timeout: 20_000 });
    const landed = (await vr.page.evaluate(() => window.twinverse!.features.xr!.lastTeleport()))!;
    // The eyes land the headset's own height (the emulated head's 6.2 m above its floor) over the slab's top.
    expect(landed.y - head.y).toBeCloseTo(4.5, 1);
    expect(landed.z).toBeLessThan(-4);
    await e2e.shot(vr.page, 'building-vr-mezzanine');
  });

  it('BM9: on the desktop the Building panel’s Go puts people on the mezzanine; walking south there stops at its parapet, above the hall', async () => {
    const a = await e2e.join('?space=plant&name=Di', { width: 960, height: 600 });
    await a.page.waitForFunction(() => !!window.twinverse!.features.building, undefined, { timeout: 30_000 });
    const id = await a.page.evaluate(() => window.twinverse!.selfId()!);
    await a.page.click('#building-panel button[data-go="1"]');
    await a.page.waitForFunction(() => Math.abs(window.twinverse!.player().y - 4.5) < 1e-3);
    // On the mezzanine's slab (protocol z −8.875…−0.125), a metre clear of its edges.
    const on = await a.page.evaluate(() => window.twinverse!.player());
    expect(on.z).toBeLessThanOrEqual(-1.125 + 1e-6);
    expect(on.z).toBeGreaterThanOrEqual(-7.875 - 1e-6);
    // Facing south (yaw π: protocol +z) over the parapet into the hall.
    await a.page.evaluate(() => window.twinverse!.teleport(-1, -4, Math.PI, 4.5));
    await a.page.keyboard.press('KeyH');
    await a.page.locator('#scene').focus();
    await a.page.keyboard.down('KeyW');
    // Held until the parapet (protocol z −0.15…−0.05) stops the body a radius before it.
    await a.page.waitForFunction(() => window.twinverse!.player().z > -0.5, undefined, { timeout: 20_000 });
    await a.page.waitForFunction(
      () => {
        const w = window as unknown as { lastZ?: number; still?: number };
        const z = window.twinverse!.player().z;
        w.still = w.lastZ !== undefined && Math.abs(z - w.lastZ) < 1e-6 ? (w.still ?? 0) + 1 : 0;
        w.lastZ = z;
        return w.still >= 10;
      },
      undefined,
      { timeout: 20_000, polling: 'raf' },
    );
    await a.page.keyboard.up('KeyW');
    const p = await a.page.evaluate(() => window.twinverse!.player());
    expect(p.z).toBeCloseTo(-0.15 - 0.3, 2);
    expect(p.y).toBeCloseTo(4.5, 3);
    await waitForAsync(
      'the head above the mezzanine on the server',
      async () => {
        const pose = await serverPoseOf(id);
        return pose !== null && pose.head.py > 6;
      },
      30_000,
      50,
    );
    await e2e.shot(a.page, 'building-mezzanine-desktop');
  });

  it('BM10: on the desktop people walk up the stair from the ground floor and end on the mezzanine', async () => {
    const a = await e2e.join('?space=plant&name=Eli', { width: 1280, height: 720 });
    await a.page.waitForFunction(() => !!window.twinverse!.features.building, undefined, { timeout: 30_000 });
    const id = await a.page.evaluate(() => window.twinverse!.selfId()!);
    // On the ground floor looking north-east at the stair along the east wall (protocol x 10.15…11.75,
    // z 6.595 at its foot … −0.125 at the mezzanine's edge).
    await a.page.evaluate(() => window.twinverse!.teleport(1, 6, -1.2));
    await a.page.waitForFunction(() => window.twinverse!.player().x < 1.5);
    await a.page.locator('#scene').focus();
    await a.page.keyboard.press('KeyH');
    await a.page.waitForFunction(
      () => document.getElementById('help')?.hidden !== false || !document.getElementById('help')?.checkVisibility(),
    );
    await e2e.shot(a.page, 'building-stair');
    // At its foot, facing north (up the flight), W held until the feet stand on the mezzanine's slab.
    await a.page.evaluate(() => window.twinverse!.teleport(10.95, 7.5, 0));
    await a.page.waitForFunction(() => window.twinverse!.player().z > 7);
    await a.page.locator('#scene').focus();
    // Running: SwiftShader on a shared machine draws few frames, and a frame walks at most 0.25 s.
    await a.page.keyboard.down('ShiftLeft');
    await a.page.keyboard.down('KeyW');
    // Half way up first (the feet between the floors), then on the mezzanine. Bounds catch a hang, not slowness.
    await a.page.waitForFunction(
      () => {
        const p = window.twinverse!.player();
        return p.z < 4 && p.y > 1;
      },
      undefined,
      { timeout: 120_000 },
    );
    await a.page.waitForFunction(
      () => {
        const p = window.twinverse!.player();
        return p.z < -1 && Math.abs(p.y - 4.5) < 1e-3;
      },
      undefined,
      { timeout: 120_000 },
    );
    await a.page.keyboard.up('KeyW');
    await a.page.keyboard.up('ShiftLeft');
    const p = await a.page.evaluate(() => window.twinverse!.player());
    expect(p.y).toBeCloseTo(4.5, 3);
    expect(p.x).toBeGreaterThan(10.15);
    await waitForAsync(
      'the head above the mezzanine on the server',
      async () => {
        const pose = await serverPoseOf(id);
        return pose !== null && pose.head.py > 6;
      },
      30_000,
      50,
    );
    await e2e.shot(a.page, 'building-stair-top');
  });
});
