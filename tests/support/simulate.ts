/**
 * Steps one simulator machine model by hand, as the simulator source does: a fixed step (the
 * runtime's, unless a test asks for another) and a seeded generator, so a run is the same every time.
 */
import { mulberry32 } from '../../server/twins/simulator/rng.js';
import type { MachineModel } from '../../server/twins/simulator/model.js';
import { SIM_STEP_S } from '../../server/twins/sources/simulatorSource.js';

export interface SimulateOptions {
  /** Seconds per step; the simulator source's step by default. */
  step?: number;
  /** Seed of the generator the steps draw from (1 by default). */
  seed?: number;
  /** Called after each step with the step's index (0-based). */
  each?: (i: number) => void;
}

/** Advances `model` by `seconds` of simulated time (rounded to whole steps). */
export function simulate(model: MachineModel, seconds: number, options: SimulateOptions = {}): void {
  const step = options.step ?? SIM_STEP_S;
  const rng = mulberry32(options.seed ?? 1);
  for (let i = 0; i < Math.round(seconds / step); i++) {
    model.step(step, rng);
    options.each?.(i);
  }
}
