/**
 * Where in the frame a system runs, in this order: read input → simulate (move, interact) → write my
 * pose → place remote avatars → other render sync (twins, boards, tags) → send.
 */
import type { System } from './system.js';

export const PHASES = ['input', 'simulation', 'pose', 'avatars', 'render', 'network'] as const;
export type Phase = (typeof PHASES)[number];

export interface PhasedSystem extends System {
  readonly phase: Phase;
}

/** Orders systems by phase; within a phase, in the order given. */
export function orderSystems(systems: readonly PhasedSystem[]): PhasedSystem[] {
  return systems
    .map((s, i) => ({ s, i }))
    .sort((a, b) => PHASES.indexOf(a.s.phase) - PHASES.indexOf(b.s.phase) || a.i - b.i)
    .map((x) => x.s);
}
