/**
 * A command in the words of the machine's Thing Description, the same on the panel's log and in the
 * notice everyone sees (SPEC PN5): "Coolant pump 1: speed set to 79 % by Ada ✓", not
 * `setSpeed {"percent":79}`. Titles come from the TD; a set-point action reads as its property.
 */
import type { DataSchema } from '../../shared/twin/td.js';
import { formatQuantity, type NumberShape } from '../../shared/twin/format.js';
import { unitSymbol } from '../../shared/twin/units.js';
import { desiredNumber, describeInput } from './actionInput.js';
import type { TwinDefinition } from './definitions.js';
import type { CommandInfo } from './store.js';

/** How a number of this schema is shown (its unit as a symbol, its type and range). */
export function shapeOf(schema: DataSchema | undefined): NumberShape {
  if (!schema) return {};
  return {
    unit: typeof schema.unit === 'string' ? unitSymbol(schema.unit) : undefined,
    type: schema.type,
    minimum: schema.minimum,
    maximum: schema.maximum,
  };
}

function lowerFirst(s: string): string {
  // "Spindle speed" → "spindle speed"; an acronym ("CPU load") stays as written.
  return /^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s;
}

/** What was asked: "speed set to 79 %", "Start", "Inject fault (simulation): bearingWear". */
export function commandWhat(def: TwinDefinition, c: Pick<CommandInfo, 'action' | 'input'>): string {
  const action = def.actions[c.action];
  const title = action?.title ?? c.action;
  const sp = def.ext.setpoints.find((s) => s.action === c.action);
  if (sp) {
    const target = desiredNumber(c.input, sp.field);
    const schema = def.properties[sp.property];
    if (target !== null) return `${lowerFirst(schema?.title ?? sp.property)} set to ${formatQuantity(target, shapeOf(schema))}`;
  }
  if (!c.input) return title;
  const input = describeInput(action?.input);
  let v: unknown;
  try {
    v = JSON.parse(c.input);
  } catch {
    return title;
  }
  if ((input.kind === 'number' || input.kind === 'choice') && input.field && v && typeof v === 'object')
    v = (v as Record<string, unknown>)[input.field];
  if (typeof v === 'number') return `${title}: ${formatQuantity(v, input.kind === 'number' ? { unit: input.unit } : {})}`;
  if (typeof v === 'string') return `${title}: ${choiceWords(v)}`;
  if (typeof v === 'boolean') return `${title}: ${String(v)}`;
  return title;
}

/** How it ended, as a mark and words: ✓, waiting, ✗ refused (why), ⏱ not answered. */
export function commandOutcome(c: Pick<CommandInfo, 'status' | 'reason'>): { mark: string; color: string } {
  switch (c.status) {
    case 'pending':
      return { mark: '… waiting for the machine', color: '#f3a712' };
    case 'acknowledged':
      return { mark: '✓', color: '#29bf12' };
    case 'refused':
      return { mark: `✗ refused${c.reason ? `: ${c.reason}` : ''}`, color: '#e4572e' };
    case 'timed_out':
      return { mark: '⏱ not answered (timed out)', color: '#e4572e' };
  }
}

/** "speed set to 79 % by Ada ✓" (the panel's log); with `twinTitle`, "Coolant pump 1: …" (notices). */
export function commandLine(def: TwinDefinition, c: CommandInfo, who: string, twinTitle?: string): { text: string; color: string } {
  const o = commandOutcome(c);
  const text = `${commandWhat(def, c)} by ${who} ${o.mark}`;
  return { text: twinTitle ? `${twinTitle}: ${text}` : text, color: o.color };
}

/**
 * An enum value of a TD's input as words: a TD names choices as identifiers (`bearingWear`,
 * `clogged_filter`), a person reads "Bearing wear" (SPEC PN5).
 */
export function choiceWords(v: string | number): string {
  if (typeof v === 'number') return String(v);
  const words = v
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
