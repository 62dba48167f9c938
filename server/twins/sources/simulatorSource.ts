/**
 * Runs the built-in simulator: one machine model per twin whose source is `simulator`, stepped at a
 * fixed rate and published through the same ingest path as MQTT and HTTP. Answers actions after a
 * short device-like delay (SPEC SIM1–SIM3).
 */
import type { LiveTwin } from '../live.js';
import { MODELS } from '../simulator/models.js';
import { faultAction, type MachineModel } from '../simulator/model.js';
import type { ActiveFault, FaultName } from '../simulator/faults.js';
import { mulberry32, seedFor, type Rng } from '../simulator/rng.js';
import type { CommandRecord } from '../live.js';

/** Simulation step, seconds (10 Hz). */
export const SIM_STEP_S = 0.1;
/** How long the simulated device takes to answer a command, ms. */
export const SIM_ANSWER_MS = 150;

export interface SimulatorHost {
  publish(twin: LiveTwin, readings: Record<string, number | boolean>): void;
  answer(commandId: string, ok: boolean, reason: string): void;
}

interface Machine {
  twin: LiveTwin;
  model: MachineModel;
  rng: Rng;
}

export class SimulatorSource {
  private readonly machines = new Map<string, Machine>();
  private timer: NodeJS.Timeout | null = null;
  private readonly answers = new Set<NodeJS.Timeout>();

  constructor(
    twins: LiveTwin[],
    seed: number,
    private readonly host: SimulatorHost,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    for (const twin of twins) {
      const sim = twin.def.ext.simulator;
      if (!sim) continue;
      const model = MODELS[sim.model].create(sim.params);
      this.machines.set(twin.id, { twin, model, rng: mulberry32(seedFor(seed, twin.id)) });
    }
  }

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SIM_STEP_S * 1000);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const t of this.answers) clearTimeout(t);
    this.answers.clear();
  }

  private tick(): void {
    for (const m of this.machines.values()) {
      try {
        m.model.step(SIM_STEP_S, m.rng);
        const readings = m.model.readings();
        // A model that reports less often than it steps (the AGV) has nothing to say on some steps.
        if (Object.keys(readings).length > 0) this.host.publish(m.twin, readings);
      } catch (err) {
        this.onError(err);
      }
    }
  }

  /** The faults a simulated machine can suffer and those active now; null when the simulator does not run it. */
  faults(twinId: string): { supported: readonly FaultName[]; active: ActiveFault[] } | null {
    const m = this.machines.get(twinId);
    return m ? { supported: m.model.faults.supported, active: m.model.faults.list() } : null;
  }

  /**
   * A command the owning process's machine accepted (SPEC S4): applied to this process's shadow of the
   * machine at once and silently (the owner answered), so the shadow stays in step for a takeover.
   */
  mirror(twin: LiveTwin, cmd: CommandRecord): void {
    const m = this.machines.get(twin.id);
    if (!m) return;
    if (!faultAction(m.model.faults, cmd.action, cmd.input, cmd.byName)) m.model.invoke(cmd.action, cmd.input);
  }

  send(twin: LiveTwin, cmd: CommandRecord): void {
    const m = this.machines.get(twin.id);
    if (!m) throw new Error(`no simulated machine for ${twin.id}`);
    const t = setTimeout(() => {
      this.answers.delete(t);
      // Fault actions carry who started the fault; the model answers the rest.
      const answer = faultAction(m.model.faults, cmd.action, cmd.input, cmd.byName) ?? m.model.invoke(cmd.action, cmd.input);
      this.host.answer(cmd.id, answer.ok, answer.reason ?? '');
    }, SIM_ANSWER_MS);
    this.answers.add(t);
  }
}
