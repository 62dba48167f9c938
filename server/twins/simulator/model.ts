/**
 * A machine model of the built-in simulator: physical state advanced in fixed steps, readings by TD
 * property name, and answers to actions like a real device would give (SPEC SIM1–SIM3), with the
 * faults it can suffer (SPEC AN1).
 */
import { CLEAR_FAULT, FAULT_INFO, FAULTS, INJECT_FAULT, faultInput, type FaultName, type Faults } from './faults.js';
import type { Rng } from './rng.js';

export interface ActionAnswer {
  ok: boolean;
  /** Why the device refused, in words. */
  reason?: string;
}

export interface MachineModel {
  /** Advances the physics by `dt` seconds. */
  step(dt: number, rng: Rng): void;
  /** Current readings by property name. */
  readings(): Record<string, number | boolean>;
  /** Answers an action (input already checked against the TD's schema). */
  invoke(action: string, input: unknown): ActionAnswer;
  /** The machine's faults: active ones and what it can suffer. */
  readonly faults: Faults;
}

export interface ModelFactory {
  /** Actions the model answers (its own and the fault actions). */
  readonly actions: ReadonlySet<string>;
  /** Faults it can suffer. */
  readonly faults: readonly FaultName[];
  create(params: Record<string, number>): MachineModel;
}

/** Reads a numeric parameter with a default. */
export function param(params: Record<string, number>, name: string, fallback: number): number {
  const v = params[name];
  return v !== undefined && Number.isFinite(v) ? v : fallback;
}

/** The number in an action input: the input itself or its member `field`. */
export function numberInput(input: unknown, field: string): number | null {
  if (typeof input === 'number') return input;
  if (typeof input === 'object' && input !== null) {
    const v = (input as Record<string, unknown>)[field];
    if (typeof v === 'number') return v;
  }
  return null;
}

/**
 * Answers `injectFault` / `clearFault` (null for any other action): input `{ fault, severity?: 0–1,
 * rampSeconds? }`, or for clearing `{ fault? }` (none = all). The TD's enum already limits the
 * names; a model still refuses one it cannot suffer, in words.
 */
export function faultAction(faults: Faults, action: string, input: unknown, by = ''): ActionAnswer | null {
  if (action !== INJECT_FAULT && action !== CLEAR_FAULT) return null;
  const f = faultInput(input);
  if (action === CLEAR_FAULT && (f === null || f.fault === 'all')) {
    faults.clear();
    return { ok: true };
  }
  if (f === null) return { ok: false, reason: 'name the fault: { "fault": … }' };
  const name = f.fault as FaultName;
  if (!(FAULTS as readonly string[]).includes(name) || !faults.supported.includes(name))
    return { ok: false, reason: `this machine cannot suffer "${f.fault}" (it can: ${faults.supported.join(', ')})` };
  if (action === CLEAR_FAULT) {
    faults.clear(name);
    return { ok: true };
  }
  const severity = f.severity ?? 1;
  if (!(severity > 0 && severity <= 1)) return { ok: false, reason: 'severity must be more than 0 and at most 1' };
  const rampS = f.rampS ?? FAULT_INFO[name].rampS;
  if (!(rampS >= 0 && rampS <= 86_400)) return { ok: false, reason: 'rampSeconds must be 0–86400' };
  faults.start(name, severity, rampS, by);
  return { ok: true };
}
