/**
 * What a visual binding (`tv:twin.bindings`, SPEC TW1) makes of a value: pure functions the client
 * calls each frame, so every client draws the same colour, fill and text for the same state. No
 * allocation in the per-frame paths (colours go into a caller's object).
 */
import type { Binding } from './extension.js';

type ColorBinding = Extract<Binding, { kind: 'color' }>;
type GaugeBinding = Extract<Binding, { kind: 'gauge' }>;
type LabelBinding = Extract<Binding, { kind: 'label' }>;

/** An sRGB colour, each channel 0…1. */
export interface Rgb {
  r: number;
  g: number;
  b: number;
}

function channel(hex: string, at: number): number {
  return parseInt(hex.slice(at, at + 2), 16) / 255;
}

/** Writes the colour of `value` on the ramp into `out`: linear between stops, clamped at the ends. */
export function rampColor(ramp: ColorBinding['ramp'], value: number, out: Rgb): Rgb {
  const first = ramp[0]!;
  const last = ramp[ramp.length - 1]!;
  let a = first;
  let b = first;
  if (!(value > first.at)) b = first;
  else if (value >= last.at) a = b = last;
  else
    for (let i = 1; i < ramp.length; i++) {
      if (value <= ramp[i]!.at) {
        a = ramp[i - 1]!;
        b = ramp[i]!;
        break;
      }
    }
  const t = b.at === a.at ? 0 : (value - a.at) / (b.at - a.at);
  out.r = channel(a.color, 1) + (channel(b.color, 1) - channel(a.color, 1)) * t;
  out.g = channel(a.color, 3) + (channel(b.color, 3) - channel(a.color, 3)) * t;
  out.b = channel(a.color, 5) + (channel(b.color, 5) - channel(a.color, 5)) * t;
  return out;
}

/** How full a gauge is, 0…1. */
export function gaugeFill(b: GaugeBinding, value: number): number {
  if (!Number.isFinite(value)) return 0;
  const f = (value - b.min) / (b.max - b.min);
  return f < 0 ? 0 : f > 1 ? 1 : f;
}

/** A label's text: the value with the binding's decimals and the property's unit. */
export function labelText(b: LabelBinding, value: number | string, unit: string): string {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toFixed(b.digits ?? 1) : '—') : value;
  return unit ? `${text} ${unit}` : text;
}
