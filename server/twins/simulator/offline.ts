/**
 * The simulated factory on a simulated clock, faster than real time: each machine model stepped at
 * the simulator's rate and its readings fed through the runtime's ingest path with their simulated
 * timestamps, so trends, forecasts, alarms and anomalies run exactly as they do live. For unit tests
 * and bench/anomaly.ts (no timers, no wall time: the runtime must have no source of its own).
 */
import type { LiveTwin } from '../live.js';
import type { TwinRuntime } from '../runtime.js';
import { FAULT_ACTIONS } from './faults.js';
import { faultAction, type ActionAnswer, type MachineModel } from './model.js';
import { MODELS } from './models.js';
import { mulberry32, seedFor, type Rng } from './rng.js';

/** Simulation step, seconds (10 Hz, as live). */
export const OFFLINE_STEP_S = 0.1;

export interface OfflineMachine {
  twin: LiveTwin;
  model: MachineModel;
  rng: Rng;
}

export class OfflineFactory {
  readonly machines = new Map<string, OfflineMachine>();
  /** Simulated time, ms since the Unix epoch. */
  now: number;

  /**
   * @param startMs simulated start; keep it in the past (the ingest path refuses timestamps more than
   *   5 minutes ahead of the wall clock).
   * @param params per twin id, parameters that override the definition's (e.g. `{ jamsPerHour: 0 }`).
   */
  constructor(
    private readonly runtime: TwinRuntime,
    seed: number,
    startMs: number,
    params: Record<string, Record<string, number>> = {},
  ) {
    this.now = startMs;
    for (const twin of runtime.all()) {
      const sim = twin.def.ext.simulator;
      if (!sim) continue;
      const model = MODELS[sim.model].create({ ...sim.params, ...params[twin.id] });
      this.machines.set(twin.id, { twin, model, rng: mulberry32(seedFor(seed, twin.id)) });
    }
  }

  /** Runs every machine for `seconds` of simulated time; `each` is called after every step. */
  run(seconds: number, each?: (now: number) => void): void {
    const steps = Math.round(seconds / OFFLINE_STEP_S);
    for (let i = 0; i < steps; i++) {
      this.now += OFFLINE_STEP_S * 1000;
      for (const [id, m] of this.machines) {
        m.model.step(OFFLINE_STEP_S, m.rng);
        for (const [k, v] of Object.entries(m.model.readings())) if (m.twin.properties.has(k)) this.runtime.ingest(id, k, v, this.now);
      }
      each?.(this.now);
    }
  }

  /**
   * An action as the device answers it, at the simulated now. An operating action the machine takes
   * (not a fault) is an operation the anomaly detector knows about, as an acknowledged command is live.
   */
  act(id: string, action: string, input?: unknown): ActionAnswer {
    const m = this.machines.get(id);
    if (!m) throw new Error(`no simulated machine ${id}`);
    const answer = faultAction(m.model.faults, action, input, 'offline') ?? m.model.invoke(action, input);
    if (answer.ok && !(FAULT_ACTIONS as readonly string[]).includes(action)) this.runtime.operated(id, this.now);
    return answer;
  }
}

/**
 * What an operator normally does to each model, drawn at random within its normal range (starts,
 * stops and set-points that keep clear of the machine's alarm limits): the no-fault scenario that
 * must raise no forecast and no anomaly (SPEC AN5, AN6).
 */
export const NORMAL_OPERATIONS: Record<string, (rng: Rng) => [string, unknown?]> = {
  pump: (rng) => pick(rng, ['setSpeed', { percent: Math.round(40 + 45 * rng()) }]),
  conveyor: (rng) => pick(rng, ['setSpeed', { speed: Math.round(5 + 15 * rng()) / 10 }]),
  spindle: (rng) => pick(rng, ['setSpeed', { rpm: Math.round(4000 + 6000 * rng()) }]),
};

function pick(rng: Rng, setpoint: [string, unknown]): [string, unknown?] {
  const r = rng();
  return r < 0.25 ? ['stop'] : r < 0.5 ? ['start'] : setpoint;
}

/**
 * Runs the factory for `minutes`, each minute operating each machine with probability `chance`
 * (NORMAL_OPERATIONS); `each` after every step.
 */
export function operateNormally(f: OfflineFactory, rng: Rng, minutes: number, chance = 0.5, each?: (now: number) => void): void {
  for (let k = 0; k < minutes; k++) {
    for (const [id, m] of f.machines) {
      const op = NORMAL_OPERATIONS[m.twin.def.ext.simulator!.model];
      if (op && rng() < chance) {
        const [action, input] = op(rng);
        f.act(id, action, input);
      }
    }
    f.run(60, each);
  }
}
