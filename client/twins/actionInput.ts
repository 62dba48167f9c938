/**
 * What an action's input looks like to the panel (a button, a slider, a row of choices), and where a
 * slider starts: at the machine's set-point as it stands — the pending one if a command asked for
 * one, else the reported value — so pressing "Set speed" untouched asks for what is already there
 * (SPEC PN4), never for the middle of the range.
 */
import type { DataSchema } from '../../shared/twin/td.js';
import type { Setpoint } from '../../shared/twin/extension.js';
import type { PropertyValue } from '../../shared/twin/data.js';
import { unitSymbol } from '../../shared/twin/units.js';
import type { ActionShape } from './panelLayout.js';

/** What an action's input looks like to the panel: none, a number (maybe inside an object), or choices. */
export type ActionInput =
  | { kind: 'none' }
  | { kind: 'number'; min: number; max: number; step: number; field?: string; unit: string; integer: boolean }
  | { kind: 'choice'; values: (string | number)[]; field?: string }
  | { kind: 'unsupported' };

export function describeInput(schema: DataSchema | undefined): ActionInput {
  if (!schema) return { kind: 'none' };
  const numeric = (s: DataSchema, field?: string): ActionInput | null => {
    if (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.length <= 6)
      return { kind: 'choice', values: s.enum as (string | number)[], field };
    if (s.type === 'number' || s.type === 'integer') {
      const min = typeof s.minimum === 'number' ? s.minimum : 0;
      const max = typeof s.maximum === 'number' ? s.maximum : min + 100;
      const integer = s.type === 'integer';
      return {
        kind: 'number',
        min,
        max,
        step: integer ? 1 : (max - min) / 100,
        field,
        unit: typeof s.unit === 'string' ? unitSymbol(s.unit) : '',
        integer,
      };
    }
    return null;
  };
  const direct = numeric(schema);
  if (direct) return direct;
  if (schema.type === 'object' && schema.properties) {
    const entries = Object.entries(schema.properties);
    if (entries.length === 1) return numeric(entries[0]![1], entries[0]![0]) ?? { kind: 'unsupported' };
  }
  return { kind: 'unsupported' };
}

/** The number a pending set-point asks for: `desired` is JSON text, the number or `{ field: n }`. */
export function desiredNumber(desired: string, field: string | undefined): number | null {
  if (!desired) return null;
  let v: unknown;
  try {
    v = JSON.parse(desired);
  } catch {
    return null;
  }
  if (field && v && typeof v === 'object' && !Array.isArray(v)) v = (v as Record<string, unknown>)[field];
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/**
 * Where a number slider for `action` starts: the set-point of the property the TD ties it to
 * (`tv:twin.setpoints`), pending first, then reported, kept inside the slider's range; the middle of
 * the range only when the machine has neither (not a set-point action, or no reading yet).
 */
export function sliderStart(
  input: Extract<ActionInput, { kind: 'number' }>,
  action: string,
  setpoints: readonly Setpoint[],
  properties: ReadonlyMap<string, PropertyValue>,
): number {
  const sp = setpoints.find((s) => s.action === action);
  const prop = sp ? properties.get(sp.property) : undefined;
  let v: number | null = null;
  if (prop) {
    // The server stores a pending set-point as the bare target number; an object is read by field.
    v = desiredNumber(prop.desired, sp?.field);
    if (v === null && prop.ts > 0 && Number.isFinite(prop.num)) v = prop.num;
  }
  if (v === null) return (input.min + input.max) / 2;
  const clamped = Math.min(input.max, Math.max(input.min, v));
  return input.integer ? Math.round(clamped) : clamped;
}

/** How the panel lays out each action of a definition (SPEC PN2): inputs it cannot enter get no control. */
export function actionShapes(def: { actions: Record<string, { input?: DataSchema }> }): ActionShape[] {
  const out: ActionShape[] = [];
  for (const [id, action] of Object.entries(def.actions)) {
    const input = describeInput(action.input);
    if (input.kind === 'none') out.push({ id, kind: 'button' });
    else if (input.kind === 'number') out.push({ id, kind: 'slider' });
    else if (input.kind === 'choice') out.push({ id, kind: 'choice', values: input.values.map(String) });
  }
  return out;
}
