/**
 * Faults of the simulated machines (SPEC AN1–AN3): started by someone (the `injectFault` action, from
 * a panel or `POST /api/twins/:id/faults`) or by the simulator's own rare, seeded events, and cleared
 * by `clearFault` (a repair). A fault develops over its ramp time — wear and clogging creep in, a jam
 * is there at once — and the models read how far it has come on every step. Time here is simulated
 * time (the sum of the steps), so a run on an injected clock is the same run as one in real time.
 */
import type { Rng } from './rng.js';

/** Every fault a model may support. */
export const FAULTS = ['bearingWear', 'cloggedFilter', 'beltSlip', 'jam', 'overheating'] as const;
export type FaultName = (typeof FAULTS)[number];

/** The TD actions that start and clear a fault: handled by the simulator, never by the machine model. */
export const INJECT_FAULT = 'injectFault';
export const CLEAR_FAULT = 'clearFault';
export const FAULT_ACTIONS = [INJECT_FAULT, CLEAR_FAULT] as const;

/** What each fault does, for people, and how long it takes to develop fully by default (s). */
export const FAULT_INFO: Record<FaultName, { title: string; rampS: number }> = {
  bearingWear: { title: 'bearing wear: vibration drifts up, the bearing runs warmer', rampS: 600 },
  cloggedFilter: { title: 'clogged filter: flow falls, outlet pressure rises', rampS: 300 },
  beltSlip: { title: 'belt slip: the belt runs slower than the drive', rampS: 60 },
  jam: { title: 'jam: the belt stops, the motor current jumps', rampS: 0 },
  overheating: { title: 'overheating (cooling lost): the temperature climbs to a higher steady state', rampS: 0 },
};

/** A fault the simulator starts by itself now and then (a jammed belt, say), at `perHour` while running. */
export interface SpontaneousFault {
  fault: FaultName;
  perHour: number;
}

/**
 * Quiet time after the simulator starts before any spontaneous fault may happen, s: a newcomer's
 * first sight of the factory is a healthy one.
 */
export const QUIET_START_S = 30 * 60;

export interface ActiveFault {
  fault: FaultName;
  /** 0–1: how bad it gets once developed. */
  severity: number;
  /** Simulated seconds since the simulator started, when it began. */
  since: number;
  rampS: number;
  /** Who started it: a person's name, or `simulator` for a spontaneous one. */
  by: string;
}

export class Faults {
  private readonly active = new Map<FaultName, ActiveFault>();
  /** Simulated seconds since start. */
  private t = 0;

  constructor(
    readonly supported: readonly FaultName[],
    private readonly spontaneous: readonly SpontaneousFault[] = [],
    private readonly quietS = QUIET_START_S,
  ) {}

  /** Advances simulated time; may start a spontaneous fault when `running` (deterministic given the rng). */
  advance(dt: number, rng: Rng, running: boolean): void {
    this.t += dt;
    if (!running || this.t < this.quietS) return;
    for (const s of this.spontaneous)
      if (s.perHour > 0 && !this.active.has(s.fault) && rng() < (s.perHour / 3600) * dt) this.start(s.fault, 1, undefined, 'simulator');
  }

  /** How far the fault has developed: 0 when not active, up to its severity once its ramp is over. */
  level(fault: FaultName): number {
    const f = this.active.get(fault);
    if (!f) return 0;
    if (f.rampS <= 0) return f.severity;
    return f.severity * Math.min(1, (this.t - f.since) / f.rampS);
  }

  has(fault: FaultName): boolean {
    return this.active.has(fault);
  }

  /** Starts (or restarts with a new severity) a fault the model supports. */
  start(fault: FaultName, severity = 1, rampS?: number, by = ''): void {
    this.active.set(fault, { fault, severity, since: this.t, rampS: rampS ?? FAULT_INFO[fault].rampS, by });
  }

  /** Clears one fault, or all; whether anything was active. */
  clear(fault?: FaultName): boolean {
    if (fault === undefined) {
      const any = this.active.size > 0;
      this.active.clear();
      return any;
    }
    return this.active.delete(fault);
  }

  list(): ActiveFault[] {
    return [...this.active.values()];
  }

  /** Simulated seconds since start. */
  get time(): number {
    return this.t;
  }
}

/** The fault named in an action input (`{ fault }`), or null. */
export function faultInput(input: unknown): { fault: string; severity: number | undefined; rampS: number | undefined } | null {
  if (typeof input !== 'object' || input === null) return null;
  const o = input as Record<string, unknown>;
  if (typeof o.fault !== 'string') return null;
  return {
    fault: o.fault,
    severity: typeof o.severity === 'number' ? o.severity : undefined,
    rampS: typeof o.rampSeconds === 'number' ? o.rampSeconds : undefined,
  };
}
