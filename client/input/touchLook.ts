/**
 * Fingers on the scene (phones and tablets), tracked one by one by pointer id: a finger that lands on
 * nothing interactive drags the view (yaw, and pitch within a narrower range than the mouse's); a
 * finger that lands on a machine, a part, a panel or the board is theirs (Babylon's scene pointer
 * events already carry it: a tap opens a panel, a drag moves a part). Every finger's spot is kept so
 * a part dragged by one finger follows that finger, whatever the others do.
 */

/** Radians per CSS pixel of finger travel: a thumb's sweep across a phone turns the view about 90°. */
export const TOUCH_LOOK_RAD_PER_PX = 0.005;
/** Pitch range for touch look: a phone held in the hand needs the horizon, not the ceiling. */
export const TOUCH_MAX_PITCH = (50 * Math.PI) / 180;

interface Finger {
  x: number;
  y: number;
  /** True when this finger drags the view (it landed on nothing interactive). */
  look: boolean;
}

export interface TouchLook {
  /** Look movement since the last `take()`, CSS pixels. */
  take(out: { x: number; y: number }): void;
  /** Where a finger is now (canvas CSS pixels), or null when `pointerId` is not a finger on the scene. */
  finger(pointerId: number): { x: number; y: number } | null;
  /** Called on the first touch, from anywhere on the page (a phone without a coarse pointer query). */
  onFirstTouch(l: () => void): void;
  setEnabled(on: boolean): void;
  dispose(): void;
}

export interface TouchLookOptions {
  /** Whether canvas pixel (x, y) lands on something interactive (then the finger is for it, not for looking). */
  hitsInteractive?(x: number, y: number): boolean;
}

export function createTouchLook(canvas: HTMLCanvasElement, options: TouchLookOptions = {}): TouchLook {
  const fingers = new Map<number, Finger>();
  let dx = 0;
  let dy = 0;
  let enabled = true;
  let touched = false;
  let firstTouch: (() => void) | null = null;

  const local = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  // On the window, capturing: this runs before Babylon's own canvas listeners, so a part grabbed by
  // this finger already finds its spot here.
  const onDown = (e: PointerEvent) => {
    if (e.pointerType !== 'touch') return;
    if (!touched) {
      touched = true;
      firstTouch?.();
    }
    if (!enabled || e.target !== canvas) return;
    const p = local(e);
    fingers.set(e.pointerId, { ...p, look: !options.hitsInteractive?.(p.x, p.y) });
  };
  const onMove = (e: PointerEvent) => {
    const f = fingers.get(e.pointerId);
    if (!f) return;
    const p = local(e);
    if (f.look && enabled) {
      dx += p.x - f.x;
      dy += p.y - f.y;
    }
    f.x = p.x;
    f.y = p.y;
  };
  const onUp = (e: PointerEvent) => {
    fingers.delete(e.pointerId);
  };
  window.addEventListener('pointerdown', onDown, true);
  window.addEventListener('pointermove', onMove, true);
  window.addEventListener('pointerup', onUp, true);
  window.addEventListener('pointercancel', onUp, true);

  return {
    take(out) {
      out.x = dx;
      out.y = dy;
      dx = 0;
      dy = 0;
    },
    finger(pointerId) {
      const f = fingers.get(pointerId);
      return f ? { x: f.x, y: f.y } : null;
    },
    onFirstTouch(l) {
      firstTouch = l;
      if (touched) l();
    },
    setEnabled(on) {
      enabled = on;
      if (!on) {
        fingers.clear();
        dx = 0;
        dy = 0;
      }
    },
    dispose() {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('pointermove', onMove, true);
      window.removeEventListener('pointerup', onUp, true);
      window.removeEventListener('pointercancel', onUp, true);
    },
  };
}
