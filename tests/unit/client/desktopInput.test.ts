/**
 * Keyboard input at any frame rate: a key pressed and released between two frames still moves the
 * player for one frame (SwiftShader and slow phones run at a few frames per second).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDesktopInput, type DesktopInput } from '../../../client/input/desktopInput.js';
import type { Frame } from '../../../client/core/system.js';

const frame: Frame = { dt: 0.016, now: 0 };
const key = (type: 'keydown' | 'keyup', code: string) => window.dispatchEvent(Object.assign(new Event(type), { code }));

describe('desktop keys', () => {
  let input: DesktopInput;
  beforeEach(() => {
    (globalThis as { window?: EventTarget }).window = new EventTarget();
    input = createDesktopInput(new EventTarget() as unknown as HTMLCanvasElement);
  });
  afterEach(() => {
    input.dispose();
    delete (globalThis as { window?: EventTarget }).window;
  });

  it('a held key walks every frame until released', () => {
    key('keydown', 'KeyW');
    input.update(frame);
    expect(input.intent.forward).toBe(1);
    input.update(frame);
    expect(input.intent.forward).toBe(1);
    key('keyup', 'KeyW');
    input.update(frame);
    expect(input.intent.forward).toBe(0);
  });

  it('a tap between two frames counts for the next frame, once', () => {
    key('keydown', 'KeyD');
    key('keyup', 'KeyD');
    key('keydown', 'KeyE');
    key('keyup', 'KeyE');
    input.update(frame);
    expect(input.intent.strafe).toBe(1);
    expect(input.intent.turn).toBe(1);
    input.update(frame);
    expect(input.intent.strafe).toBe(0);
    expect(input.intent.turn).toBe(0);
  });

  it('turning input off drops held and tapped keys', () => {
    key('keydown', 'KeyW');
    key('keydown', 'KeyA');
    key('keyup', 'KeyA');
    input.setEnabled(false);
    input.update(frame);
    expect(input.intent.forward).toBe(0);
    expect(input.intent.strafe).toBe(0);
  });
});
