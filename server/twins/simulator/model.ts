/**
 * A machine model of the built-in simulator: physical state advanced in fixed steps, readings by TD
 * property name, and answers to actions like a real device would give (SPEC SIM1–SIM3).
 */
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
}

export interface ModelFactory {
  /** Actions the model answers. */
  readonly actions: ReadonlySet<string>;
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
