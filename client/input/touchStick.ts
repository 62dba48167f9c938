/**
 * The virtual stick for phones and tablets: a ring in the bottom-left corner that the left thumb
 * pushes to walk (up) and strafe (sideways), like W A S D. It is an HTML element over the canvas, so
 * the scene never sees its touches; each touch is told apart by its pointer id, so the other thumb
 * can look around or point at the same time. Full deflection walks at the desktop walking speed.
 */
import { el } from '../core/dom.js';

/** Deflection below this (fraction of the ring's radius) is a resting thumb, not a step. */
const DEAD_ZONE = 0.15;

export interface TouchStick {
  readonly element: HTMLElement;
  /** −1…1, forward positive; 0 while no thumb is on the stick. */
  readonly forward: number;
  /** −1…1, right positive. */
  readonly strafe: number;
  /** Shows or hides the stick; hiding lets go of it. */
  setVisible(on: boolean): void;
  /** Lets go of the stick (a dialog opened, focus went to a text field). */
  release(): void;
  dispose(): void;
}

export function createTouchStick(): TouchStick {
  const knob = el('div', { class: 'touch-stick-knob' });
  const element = el('div', { class: 'touch-stick', id: 'touch-stick', hidden: true, 'aria-hidden': 'true' }, knob);
  let pointer: number | null = null;
  let forward = 0;
  let strafe = 0;

  const place = (dx: number, dy: number) => {
    knob.style.transform = `translate(${dx}px, ${dy}px)`;
  };
  const release = () => {
    if (pointer !== null && element.hasPointerCapture(pointer)) element.releasePointerCapture(pointer);
    pointer = null;
    forward = 0;
    strafe = 0;
    place(0, 0);
  };
  const aim = (e: PointerEvent) => {
    const r = element.getBoundingClientRect();
    const radius = r.width / 2;
    let dx = e.clientX - (r.left + radius);
    let dy = e.clientY - (r.top + radius);
    const len = Math.hypot(dx, dy);
    if (len > radius) {
      dx *= radius / len;
      dy *= radius / len;
    }
    place(dx, dy);
    const nx = dx / radius;
    const ny = dy / radius;
    const live = Math.hypot(nx, ny) >= DEAD_ZONE;
    forward = live ? -ny : 0;
    strafe = live ? nx : 0;
  };
  const onDown = (e: PointerEvent) => {
    if (pointer !== null) return;
    e.preventDefault();
    pointer = e.pointerId;
    // Captured: the thumb may slide off the ring and still steer.
    element.setPointerCapture(e.pointerId);
    aim(e);
  };
  const onMove = (e: PointerEvent) => {
    if (e.pointerId === pointer) aim(e);
  };
  const onUp = (e: PointerEvent) => {
    if (e.pointerId === pointer) release();
  };
  element.addEventListener('pointerdown', onDown);
  element.addEventListener('pointermove', onMove);
  element.addEventListener('pointerup', onUp);
  element.addEventListener('pointercancel', onUp);
  element.addEventListener('lostpointercapture', onUp);

  return {
    element,
    get forward() {
      return forward;
    },
    get strafe() {
      return strafe;
    },
    setVisible(on) {
      if (!on) release();
      element.hidden = !on;
    },
    release,
    dispose() {
      release();
      element.remove();
    },
  };
}
