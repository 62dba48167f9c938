/**
 * Keyboard and mouse for the desktop: WASD/arrows to walk, Shift to run, Q/E to turn, mouse look with
 * pointer lock on click (Esc releases; the browser does that itself), or drag to look when the
 * pointer is not locked. Typing in a text field never moves you.
 */
import type { Frame, System } from '../core/system.js';

export interface MoveIntent {
  /** −1…1, forward positive. */
  forward: number;
  /** −1…1, right positive. */
  strafe: number;
  /** −1…1, turning right positive (Q/E). */
  turn: number;
  run: boolean;
  /** Mouse movement since the last frame, pixels. */
  lookX: number;
  lookY: number;
  /** Pitch limit this frame, radians (touch look keeps nearer the horizon); null: the mouse's. */
  maxPitch: number | null;
}

const WALK_KEYS: Record<string, [number, number]> = {
  KeyW: [1, 0],
  ArrowUp: [1, 0],
  KeyS: [-1, 0],
  ArrowDown: [-1, 0],
  KeyA: [0, -1],
  ArrowLeft: [0, -1],
  KeyD: [0, 1],
  ArrowRight: [0, 1],
};

function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export interface DesktopInput extends System {
  readonly intent: MoveIntent;
  /** True while the pointer is locked to the canvas. */
  readonly locked: boolean;
  /** Turns input off (e.g. while in XR or a dialog is open) and releases held keys. */
  setEnabled(on: boolean): void;
  /** While on, mouse motion does not turn the view (something is being dragged). */
  suppressLook(on: boolean): void;
}

export interface DesktopInputOptions {
  /** Whether a click at canvas pixel (x, y) lands on something interactive (then it interacts rather than capturing the mouse). */
  hitsInteractive?(x: number, y: number): boolean;
}

export function createDesktopInput(canvas: HTMLCanvasElement, options: DesktopInputOptions = {}): DesktopInput {
  const held = new Set<string>();
  // Keys pressed and released between two frames (a tap, or any press at a very low frame rate):
  // they still count for the next frame, so no press is lost.
  const unseen = new Set<string>();
  const tapped = new Set<string>();
  let mx = 0;
  let my = 0;
  let dragging = false;
  let enabled = true;
  let lookSuppressed = false;
  const intent: MoveIntent = { forward: 0, strafe: 0, turn: 0, run: false, lookX: 0, lookY: 0, maxPitch: null };
  // The pointer that pressed last: a tap on a touch screen is followed by a compatibility mousedown,
  // which must not capture the mouse (touchLook handles fingers).
  let lastPointerType = 'mouse';

  const onKeyDown = (e: KeyboardEvent) => {
    if (!enabled || typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
    if (!held.has(e.code)) unseen.add(e.code);
    held.add(e.code);
    if (e.code in WALK_KEYS) e.preventDefault();
  };
  const onKeyUp = (e: KeyboardEvent) => {
    if (held.delete(e.code) && unseen.delete(e.code)) tapped.add(e.code);
  };
  const onBlur = () => {
    held.clear();
    unseen.clear();
    tapped.clear();
  };
  const onMouseMove = (e: MouseEvent) => {
    if (!enabled || lookSuppressed) return;
    if (document.pointerLockElement === canvas || dragging) {
      mx += e.movementX;
      my += e.movementY;
    }
  };
  const onPointerDown = (e: PointerEvent) => (lastPointerType = e.pointerType);
  const onMouseDown = (e: MouseEvent) => {
    if (!enabled || e.button !== 0 || lastPointerType === 'touch') return;
    const locked = document.pointerLockElement === canvas;
    // A click on a panel, a machine or the board is for them, not for looking around.
    if (!locked && options.hitsInteractive?.(e.offsetX, e.offsetY)) return;
    dragging = true;
    if (!locked) {
      // Not every browser grants the lock (or returns a promise): dragging still looks around.
      try {
        const p = canvas.requestPointerLock() as unknown;
        if (p instanceof Promise) p.catch(() => undefined);
      } catch {
        /* drag-to-look remains */
      }
    }
  };
  const onMouseUp = () => (dragging = false);

  window.addEventListener('keydown', onKeyDown);
  window.addEventListener('keyup', onKeyUp);
  window.addEventListener('blur', onBlur);
  window.addEventListener('mousemove', onMouseMove);
  window.addEventListener('mouseup', onMouseUp);
  canvas.addEventListener('mousedown', onMouseDown);
  window.addEventListener('pointerdown', onPointerDown, true);

  return {
    name: 'desktopInput',
    intent,
    get locked() {
      return document.pointerLockElement === canvas;
    },
    setEnabled(on: boolean) {
      enabled = on;
      if (!on) onBlur();
    },
    suppressLook(on: boolean) {
      lookSuppressed = on;
      mx = 0;
      my = 0;
    },
    update(_frame: Frame) {
      let f = 0;
      let s = 0;
      const down = (code: string) => held.has(code) || tapped.has(code);
      for (const code of new Set([...held, ...tapped])) {
        const k = WALK_KEYS[code];
        if (k) {
          f += k[0];
          s += k[1];
        }
      }
      intent.forward = Math.max(-1, Math.min(1, f));
      intent.strafe = Math.max(-1, Math.min(1, s));
      intent.turn = (down('KeyE') ? 1 : 0) - (down('KeyQ') ? 1 : 0);
      intent.run = down('ShiftLeft') || down('ShiftRight');
      unseen.clear();
      tapped.clear();
      intent.lookX = mx;
      intent.lookY = my;
      intent.maxPitch = null;
      mx = 0;
      my = 0;
    },
    dispose() {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('mousemove', onMouseMove);
      window.removeEventListener('mouseup', onMouseUp);
      canvas.removeEventListener('mousedown', onMouseDown);
      window.removeEventListener('pointerdown', onPointerDown, true);
    },
  };
}
