/**
 * Name tags hold a texture only while drawn (client/avatars/nameTag.ts, SPEC AV7), on Babylon's
 * NullEngine. Node has no 2D canvas, so the engine's canvases are stand-ins that take any drawing
 * call and count themselves: what is checked is which textures exist, not what they show.
 */
import { describe, expect, it } from 'vitest';
import { NullEngine } from '@babylonjs/core/Engines/nullEngine.js';
import { DynamicTexture } from '@babylonjs/core/Materials/Textures/dynamicTexture.js';
import { Scene } from '@babylonjs/core/scene.js';
import type { ICanvas } from '@babylonjs/core/Engines/ICanvas.js';
import { NameTag } from '../../../client/avatars/nameTag.js';

/** A 2D context that takes every call (measureText measures nothing). */
const context = new Proxy({} as Record<string, unknown>, {
  get: (_t, key) => (key === 'measureText' ? () => ({ width: 0 }) : () => undefined),
  set: () => true,
});

function sceneWithCanvases(): { scene: Scene; canvases: () => number } {
  const engine = new NullEngine();
  let made = 0;
  engine.createCanvas = (width: number, height: number) => {
    made++;
    return { width, height, getContext: () => context, toDataURL: () => '', remove: () => undefined } as unknown as ICanvas;
  };
  return { scene: new Scene(engine), canvases: () => made };
}

const tagTextures = (scene: Scene) => scene.textures.filter((t) => t instanceof DynamicTexture && t.name.startsWith('tag-')).length;

describe('name tag textures', () => {
  it('AV7: a hidden tag releases its texture and draws a new one when shown again', () => {
    const { scene, canvases } = sceneWithCanvases();
    const tags = ['a', 'b', 'c'].map((id) => new NameTag(scene, id));
    tags.forEach((t, i) => t.set({ name: `Person ${i}`, color: '#3366ff' }));
    expect(tagTextures(scene)).toBe(3);

    tags[0]!.setOpacity(0);
    tags[1]!.setOpacity(0);
    expect(tagTextures(scene)).toBe(1);
    expect(tags.map((t) => t.textured)).toEqual([false, false, true]);
    // Hidden, the tag still follows what it would say, and draws that when shown.
    tags[0]!.set({ name: 'Ada', color: '#e4572e', muted: true });
    expect(tags[0]!.text).toBe('Ada');
    const before = canvases();
    tags[0]!.setOpacity(0.5);
    expect(tagTextures(scene)).toBe(2);
    expect(tags[0]!.textured).toBe(true);
    expect(canvases()).toBe(before + 1);
    expect(tags[0]!.status.muted).toBe(true);

    // Staying shown or hidden makes nothing new (culling runs ten times a second).
    tags[0]!.setOpacity(1);
    tags[1]!.setOpacity(0);
    expect(canvases()).toBe(before + 1);
    expect(tagTextures(scene)).toBe(2);

    tags.forEach((t) => t.dispose());
    expect(tagTextures(scene)).toBe(0);
  });
});
