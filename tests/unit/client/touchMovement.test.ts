/**
 * How the move intent walks and turns a body (SPEC TC1, TC2): a stick pushed to its rim walks at the
 * desktop walking speed and part way walks slower, keys keep full speed in every direction, touch look
 * keeps the pitch within its narrower range; and a tap on a touch screen never grabs the mouse.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Vector3 } from '@babylonjs/core/Maths/math.vector.js';
import type { TargetCamera } from '@babylonjs/core/Cameras/targetCamera.js';
import { createDesktopMovement, WALK_SPEED } from '../../../client/player/desktopMovement.js';
import { createDesktopInput, type MoveIntent } from '../../../client/input/desktopInput.js';
import { TOUCH_MAX_PITCH } from '../../../client/input/touchLook.js';
import { Player } from '../../../client/player/player.js';

const open = { minX: -50, maxX: 50, minY: 0, maxY: 10, minZ: -50, maxZ: 50 };
const camera = { position: new Vector3(), rotation: new Vector3() } as unknown as TargetCamera;

function walk(intent: Partial<MoveIntent>, seconds = 1): Player {
  const player = new Player();
  const full: MoveIntent = { forward: 0, strafe: 0, turn: 0, run: false, lookX: 0, lookY: 0, maxPitch: null, ...intent };
  createDesktopMovement(player, full, camera, open, []).update({ dt: seconds, now: 0 });
  return player;
}

describe('walking from the move intent', () => {
  it('TC1: a stick pushed to its rim walks at the desktop speed, half way at half of it', () => {
    expect(walk({ forward: 1 }).position.z).toBeCloseTo(WALK_SPEED, 6);
    expect(walk({ forward: 0.5 }).position.z).toBeCloseTo(WALK_SPEED / 2, 6);
    expect(walk({ strafe: -0.5 }).position.x).toBeCloseTo(-WALK_SPEED / 2, 6);
  });

  it('TC1: keys walk at full speed, diagonals too (not faster)', () => {
    const p = walk({ forward: 1, strafe: 1 });
    expect(Math.hypot(p.position.x, p.position.z)).toBeCloseTo(WALK_SPEED, 6);
  });

  it('TC2: touch look keeps the pitch within its range; the mouse has its wider one', () => {
    expect(walk({ lookY: 10_000, maxPitch: TOUCH_MAX_PITCH }).pitch).toBeCloseTo(TOUCH_MAX_PITCH, 6);
    expect(walk({ lookY: 10_000 }).pitch).toBeGreaterThan(TOUCH_MAX_PITCH);
  });
});

describe('a tap on a touch screen', () => {
  afterEach(() => {
    delete (globalThis as { window?: EventTarget }).window;
  });

  it('TC3: the compatibility mousedown after a touch does not capture the mouse', () => {
    (globalThis as { window?: EventTarget }).window = new EventTarget();
    let locks = 0;
    const canvas = Object.assign(new EventTarget(), { requestPointerLock: () => void locks++ }) as unknown as HTMLCanvasElement;
    (globalThis as { document?: unknown }).document = { pointerLockElement: null };
    const input = createDesktopInput(canvas);
    const press = (pointerType: string) => {
      window.dispatchEvent(Object.assign(new Event('pointerdown'), { pointerType }));
      canvas.dispatchEvent(Object.assign(new Event('mousedown'), { button: 0, offsetX: 5, offsetY: 5 }));
    };
    press('touch');
    expect(locks).toBe(0);
    press('mouse');
    expect(locks).toBe(1);
    input.dispose();
    delete (globalThis as { document?: unknown }).document;
  });
});
