/**
 * Touch controls composed: the stick (touchStick.ts) and finger look (touchLook.ts) write into the
 * same move intent as the keyboard and mouse, after them, so desktopMovement walks and turns a phone
 * user exactly as it does a desktop one. The stick shows on touch devices only — a coarse pointer,
 * or the first touch anywhere — never in XR (the desktop controls are off there), and steps aside
 * while a text field has focus: the on-screen keyboard then takes the bottom of the screen, and
 * nobody walks while typing.
 */
import type { Frame, System } from '../core/system.js';
import { Listeners } from '../core/listeners.js';
import type { MoveIntent } from './desktopInput.js';
import { createTouchLook, TOUCH_LOOK_RAD_PER_PX, TOUCH_MAX_PITCH, type TouchLook, type TouchLookOptions } from './touchLook.js';
import { createTouchStick, type TouchStick } from './touchStick.js';

/** desktopMovement turns by intent.lookX × this many radians (its mouse sensitivity). */
const MOVEMENT_RAD_PER_UNIT = 0.0025;

export interface TouchInput extends System {
  readonly stick: TouchStick;
  readonly look: TouchLook;
  /** True once this is a touch device (a coarse pointer, or it was touched). */
  readonly touchDevice: boolean;
  /** Called once, when this turns out to be a touch device. */
  onTouchDevice(l: () => void): () => void;
  /** Off in XR: the stick hides, fingers stop looking. */
  setEnabled(on: boolean): void;
}

function isTextField(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

export function createTouchInput(
  root: HTMLElement,
  canvas: HTMLCanvasElement,
  intent: MoveIntent,
  options: TouchLookOptions = {},
): TouchInput {
  const stick = createTouchStick();
  const look = createTouchLook(canvas, options);
  root.append(stick.element);
  const shown = new Listeners<void>();
  let touchDevice = false;
  let enabled = true;
  let typing = isTextField(document.activeElement);
  const delta = { x: 0, y: 0 };

  const refresh = () => stick.setVisible(touchDevice && enabled && !typing);
  const becameTouch = () => {
    if (touchDevice) return;
    touchDevice = true;
    document.documentElement.classList.add('touch');
    refresh();
    shown.emit();
  };
  const onFocusIn = (e: FocusEvent) => {
    typing = isTextField(e.target);
    refresh();
  };
  const onFocusOut = () => {
    // Where focus goes next is told by its own focusin; leaving a field for nothing ends typing.
    typing = false;
    refresh();
  };
  document.addEventListener('focusin', onFocusIn);
  document.addEventListener('focusout', onFocusOut);
  look.onFirstTouch(becameTouch);
  if (typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches) becameTouch();

  return {
    name: 'touchInput',
    stick,
    look,
    get touchDevice() {
      return touchDevice;
    },
    onTouchDevice(l) {
      if (touchDevice) {
        l();
        return () => undefined;
      }
      return shown.add(l);
    },
    setEnabled(on) {
      enabled = on;
      look.setEnabled(on);
      refresh();
    },
    update(_frame: Frame) {
      look.take(delta);
      if (!enabled) return;
      intent.forward = Math.max(-1, Math.min(1, intent.forward + stick.forward));
      intent.strafe = Math.max(-1, Math.min(1, intent.strafe + stick.strafe));
      if (delta.x !== 0 || delta.y !== 0) {
        // In the movement's units, so one sensitivity constant stays where it is.
        intent.lookX += (delta.x * TOUCH_LOOK_RAD_PER_PX) / MOVEMENT_RAD_PER_UNIT;
        intent.lookY += (delta.y * TOUCH_LOOK_RAD_PER_PX) / MOVEMENT_RAD_PER_UNIT;
        intent.maxPitch = TOUCH_MAX_PITCH;
      }
    },
    dispose() {
      document.removeEventListener('focusin', onFocusIn);
      document.removeEventListener('focusout', onFocusOut);
      look.dispose();
      stick.dispose();
    },
  };
}
