/**
 * Avatar colours that tell people apart (SPEC AV2, AV3): a palette of clearly distinct colours, the
 * perceptual distance between two colours (CIE76 ΔE in CIE Lab, D65 white), and the server's choice
 * of a newcomer's colour given everyone present. Pure functions: the server decides, the join screen
 * offers the same palette.
 */

/** Twelve colours at least ~25 ΔE from one another, none grey (grey means "reconnecting"). */
export const AVATAR_PALETTE = [
  '#e4572e',
  '#f3a712',
  '#29bf12',
  '#17bebb',
  '#2e86de',
  '#7b61ff',
  '#d63af9',
  '#8d6e63',
  '#ff8fab',
  '#0b3d91',
  '#a3e635',
  '#f9f871',
] as const;

/**
 * Two colours closer than this (ΔE76) are "near-identical": a picked colour that close to someone
 * present is replaced. ΔE ≈ 2.3 is a just-noticeable difference side by side; on two avatars metres
 * apart under different light, colours within ~12 read as the same.
 */
export const NEAR_IDENTICAL_DELTA_E = 12;

export interface Lab {
  l: number;
  a: number;
  b: number;
}

function linear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function f(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 / 116) * t + 16 / 116;
}

/** `#rrggbb` (sRGB) → CIE Lab (D65). */
export function hexToLab(hex: string): Lab {
  const n = Number.parseInt(hex.slice(1), 16);
  const r = linear(((n >> 16) & 255) / 255);
  const g = linear(((n >> 8) & 255) / 255);
  const b = linear((n & 255) / 255);
  // sRGB → XYZ, normalised by the D65 white point.
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return { l: 116 * fy - 16, a: 500 * (fx - fy), b: 200 * (fy - fz) };
}

/** CIE76 colour difference between two `#rrggbb` colours. */
export function deltaE(a: string, b: string): number {
  const p = hexToLab(a);
  const q = hexToLab(b);
  return Math.hypot(p.l - q.l, p.a - q.a, p.b - q.b);
}

/** How a colour came to be: the one asked for, one given because none was asked for, or one given instead of a too-close one. */
export type ColorChoice = 'kept' | 'assigned' | 'replaced';

/**
 * The colour a newcomer gets (SPEC AV2): the one they asked for unless it is near-identical to
 * someone present; otherwise the palette colour farthest from everyone present (the largest
 * smallest-ΔE), earliest in the palette on a tie. With nobody present that is the first colour.
 */
export function pickColor(requested: string | undefined, present: readonly string[]): { color: string; choice: ColorChoice } {
  if (requested !== undefined) {
    const clash = present.some((c) => deltaE(c, requested) < NEAR_IDENTICAL_DELTA_E);
    if (!clash) return { color: requested.toLowerCase(), choice: 'kept' };
  }
  let best: string = AVATAR_PALETTE[0];
  let bestGap = -1;
  for (const candidate of AVATAR_PALETTE) {
    let gap = Infinity;
    for (const c of present) gap = Math.min(gap, deltaE(c, candidate));
    if (gap > bestGap) {
      best = candidate;
      bestGap = gap;
    }
  }
  return { color: best, choice: requested === undefined ? 'assigned' : 'replaced' };
}
