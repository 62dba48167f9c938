/**
 * The VR wrist menu names the overflow instance the person is in (SPEC J6), as the desktop bar does,
 * on Babylon's NullEngine. Node has no 2D canvas, so the GUI's canvases are stand-ins that take any
 * drawing call: what is checked is the text the panel holds, not its pixels.
 */
import { describe, expect, it } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { Scene } from '@babylonjs/core/scene.js';
// The GUI's mesh texture needs the standard material registered, as the page's bundle has it.
import '@babylonjs/core/Materials/standardMaterial.js';
import type { ICanvas } from '@babylonjs/core/Engines/ICanvas.js';
import { ActionRegistry } from '../../../../client/core/actions.js';
import { AvatarStore } from '../../../../client/avatars/store.js';
import { createAppearanceAsk } from '../../../../client/avatars/appearanceAsk.js';
import { createXrMenu } from '../../../../client/xr/menu.js';
import type { LocomotionSettings } from '../../../../client/xr/locomotion.js';

/** A 2D context that takes every call (measureText measures nothing). */
const context = new Proxy({} as Record<string, unknown>, {
  get: (_t, key) => (key === 'measureText' ? () => ({ width: 0 }) : () => undefined),
  set: () => true,
});

function menuIn(title: string) {
  const engine = new NullEngine();
  engine.createCanvas = (width: number, height: number) =>
    ({ width, height, getContext: () => context, toDataURL: () => '', remove: () => undefined }) as unknown as ICanvas;
  const scene = new Scene(engine);
  const store = new AvatarStore();
  // Settings the menu only reads for its Settings page, which this test does not open.
  const locomotion: LocomotionSettings = {
    mode: 'teleport',
    snapDegrees: 30,
    vignette: true,
    setMode: () => undefined,
    setSnapDegrees: () => undefined,
    setVignette: () => undefined,
    onChange: () => () => undefined,
  };
  const appearance = createAppearanceAsk(store, { send: () => undefined, on: () => () => undefined, keepAppearance: () => undefined });
  const menu = createXrMenu({
    scene,
    actions: new ActionRegistry(),
    store,
    locomotion,
    appearance,
    title,
    apis: {},
    exitXr: () => undefined,
  });
  const wristHeight = () => {
    const box = scene.getMeshByName('xr-menu')!.getBoundingInfo().boundingBox;
    return box.maximum.y - box.minimum.y;
  };
  return { scene, menu, wristHeight };
}

describe('the VR menu heading', () => {
  it('J6: in an overflow instance the wrist menu shows its name on a line under the space title; back in the space itself, the title alone', () => {
    const { menu, scene, wristHeight } = menuIn('Line 1');
    expect(menu.heading()).toEqual(['Line 1']);
    const plain = wristHeight();

    menu.setInstance('line-1 (2)');
    expect(menu.heading()).toEqual(['Line 1', 'line-1 (2)']);
    // The panel grew by the line, and its buttons are all still there.
    expect(wristHeight()).toBeGreaterThan(plain);
    expect(Object.keys(menu.labels())).toContain('exit');
    expect(scene.meshes.filter((m) => m.name === 'xr-menu')).toHaveLength(1);

    // A rejoin may land in another instance, or in the space itself.
    menu.setInstance('line-1 (3)');
    expect(menu.heading()).toEqual(['Line 1', 'line-1 (3)']);
    menu.setInstance('');
    expect(menu.heading()).toEqual(['Line 1']);
    expect(wristHeight()).toBeCloseTo(plain, 6);
    menu.dispose();
    expect(scene.meshes.filter((m) => m.name === 'xr-menu')).toHaveLength(0);
  });
});
