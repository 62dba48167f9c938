/**
 * What kind of screen this page runs on, as others read it in the people list (SPEC UX10): a phone, a
 * tablet or a desktop. A touch screen — its primary pointer is coarse (a finger), or it has touch points
 * and no fine pointer at all — is a phone or a tablet by its shorter side; a laptop with a touch screen
 * has a mouse or touchpad as its primary pointer and stays a desktop. XR says `vr` / `ar` by itself.
 */
export type DeviceKind = 'desktop' | 'phone' | 'tablet';

/**
 * A touch screen whose shorter side (CSS px) is at least this is a tablet. The largest phones are
 * about 440 wide held upright, the smallest tablets (iPad mini) 744: 600 is the usual split (Android's
 * `sw600dp`).
 */
export const TABLET_MIN_SIDE = 600;

export interface ScreenFacts {
  /** The primary pointer is coarse (`(pointer: coarse)`). */
  coarse: boolean;
  /** Some pointer is fine (`(any-pointer: fine)`): a mouse, a touchpad or a pen. */
  anyFine: boolean;
  /** `navigator.maxTouchPoints`. */
  touchPoints: number;
  /** The screen's width and height, CSS px (either way round). */
  screenWidth: number;
  screenHeight: number;
}

export function deviceKindOf(s: ScreenFacts): DeviceKind {
  const touch = s.coarse || (s.touchPoints > 0 && !s.anyFine);
  if (!touch) return 'desktop';
  return Math.min(s.screenWidth, s.screenHeight) >= TABLET_MIN_SIDE ? 'tablet' : 'phone';
}

/** This page's device kind, read from the browser once (at joining). */
export function detectDeviceKind(): DeviceKind {
  const query = (q: string) => typeof matchMedia === 'function' && matchMedia(q).matches;
  return deviceKindOf({
    coarse: query('(pointer: coarse)'),
    anyFine: query('(any-pointer: fine)'),
    touchPoints: typeof navigator === 'undefined' ? 0 : navigator.maxTouchPoints || 0,
    screenWidth: typeof screen === 'undefined' ? 0 : screen.width,
    screenHeight: typeof screen === 'undefined' ? 0 : screen.height,
  });
}
