/**
 * Belt conveyor: belt speed follows its set-point with inertia; motor current grows with speed and
 * jumps when the belt jams; the motor warms with current. Items are counted as they pass. A jammed
 * belt refuses to start until the jam is cleared. Faults (SPEC AN1): a jam (also the simulator's own
 * rare, seeded event, never in the first half hour), belt slip (the belt runs slower than the drive),
 * overheating (a blocked fan cowl: a higher steady temperature).
 */
import { Faults, FAULT_ACTIONS } from './faults.js';
import { faultAction, param, numberInput, type ModelFactory } from './model.js';
import { approach, noise } from './rng.js';

/**
 * Thermal time constants of a ~2.2 kW totally enclosed fan-cooled conveyor drive motor, s: motor
 * protection relays are set with heating constants of tens of minutes for motors of this size, and
 * a stopped self-ventilated motor (its fan stopped too) cools 3–6× slower than it heats (ABB SPAM
 * relay notes; quoted on eng-tips.com thread 207491; "60–120 min" to cool, lmpforum.com topic 3034).
 */
const TAU_HEAT_S = 900;
const TAU_COOL_S = 2700;

export const conveyor: ModelFactory = {
  actions: new Set(['start', 'stop', 'setSpeed', 'clearJam', ...FAULT_ACTIONS]),
  faults: ['jam', 'beltSlip', 'overheating'],
  create(params) {
    /** Spontaneous jams per hour of running (rare: a jammed belt is news). */
    const faults = new Faults(
      conveyor.faults,
      [{ fault: 'jam', perHour: param(params, 'jamsPerHour', 0.1) }],
      param(params, 'quietStartS', 1800),
    );
    const ambient = param(params, 'ambient', 22);
    const maxSpeed = param(params, 'maxSpeed', 2);
    const tau = param(params, 'tauSpeed', 0.8);
    const tauHeat = param(params, 'tauTemp', TAU_HEAT_S);
    const tauCool = param(params, 'tauCool', TAU_COOL_S);
    /** Metres of belt between two items. */
    const spacing = param(params, 'itemSpacing', 0.6);
    let running = param(params, 'startRunning', 1) > 0;
    let target = param(params, 'startSpeed', 1);
    const steady = param(params, 'startSteady', 1) > 0;
    const amps = (v: number) => 1.5 + 4 * (v / maxSpeed);
    const heat = (a: number) => ambient + 6 * a;
    let drive = steady && running ? target : 0;
    let speed = drive;
    let current = 0;
    let temp = steady && running ? heat(amps(target)) : ambient;
    let travelled = 0;
    let items = 0;
    return {
      faults,
      step(dt, rng) {
        faults.advance(dt, rng, running);
        const jammed = faults.has('jam');
        drive = approach(drive, running && !jammed ? target : 0, dt, jammed ? 0.1 : tau);
        speed = drive * (1 - 0.3 * faults.level('beltSlip'));
        current = running ? (jammed ? 9.5 : amps(drive) - 0.4 * faults.level('beltSlip')) + noise(rng, 0.08) : 0;
        current = Math.max(0, current);
        temp = approach(temp, heat(current) + (running ? 35 * faults.level('overheating') : 0), dt, running ? tauHeat : tauCool);
        travelled += speed * dt;
        while (travelled >= spacing) {
          travelled -= spacing;
          items++;
        }
      },
      readings: () => ({
        running,
        jammed: faults.has('jam'),
        beltSpeed: speed,
        motorCurrent: current,
        motorTemperature: temp,
        itemCount: items,
      }),
      invoke(action, input) {
        const f = faultAction(faults, action, input);
        if (f) return f;
        switch (action) {
          case 'start':
            if (faults.has('jam')) return { ok: false, reason: 'the belt is jammed: clear the jam first' };
            running = true;
            return { ok: true };
          case 'stop':
            running = false;
            return { ok: true };
          case 'setSpeed': {
            const v = numberInput(input, 'speed');
            if (v === null || v < 0 || v > maxSpeed) return { ok: false, reason: `speed must be 0–${maxSpeed} m/s` };
            target = v;
            return { ok: true };
          }
          case 'clearJam':
            if (!faults.has('jam')) return { ok: false, reason: 'the belt is not jammed' };
            faults.clear('jam');
            running = false;
            return { ok: true };
          default:
            return { ok: false, reason: `unknown action ${action}` };
        }
      },
    };
  },
};
