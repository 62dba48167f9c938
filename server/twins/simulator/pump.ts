/**
 * Centrifugal pump on a variable-speed drive: speed follows its set-point with inertia; flow,
 * pressure and shaft power follow the affinity laws (Q ∝ n, p ∝ n², P ∝ n³); bearing temperature rises
 * with power toward a steady state; vibration grows with speed. Faults (SPEC AN1): bearing wear
 * (vibration drifts up, the bearing runs warmer), a clogged discharge filter (flow falls, pressure
 * before it rises toward shut-off), overheating (lost cooling: a higher steady temperature).
 */
import { Faults, FAULT_ACTIONS } from './faults.js';
import { faultAction, param, numberInput, type ModelFactory } from './model.js';
import { approach, noise } from './rng.js';

/**
 * Thermal time constants of the bearing housing of a ~15 kW end-suction pump, s. Pump run-in tests
 * call bearing temperatures stable after about an hour (API 610: less than 1 °C in 10 min), that is a
 * time constant of some 20 minutes; standing still it loses the shaft's forced convection and cools
 * about 1.5× slower (cooling constants run 1.4–2× the heating one for fan-cooled machines, Siemens
 * handbook for electrical engineers §7.5.3, as quoted on eng-tips.com thread 207491).
 */
const TAU_HEAT_S = 1200;
const TAU_COOL_S = 1800;

export const pump: ModelFactory = {
  actions: new Set(['start', 'stop', 'setSpeed', ...FAULT_ACTIONS]),
  faults: ['bearingWear', 'cloggedFilter', 'overheating'],
  create(params) {
    const faults = new Faults(pump.faults);
    const ambient = param(params, 'ambient', 22);
    const ratedFlow = param(params, 'ratedFlow', 60); // m³/h at 100 %
    const ratedPressure = param(params, 'ratedPressure', 7); // bar at 100 %
    const ratedPower = param(params, 'ratedPower', 15); // kW at 100 %
    const tau = param(params, 'tauSpeed', 2);
    const tauHeat = param(params, 'tauTemp', TAU_HEAT_S);
    const tauCool = param(params, 'tauCool', TAU_COOL_S);
    let running = param(params, 'startRunning', 1) > 0;
    let target = param(params, 'startPercent', 70);
    // The factory has been running for a while when the server starts: in its steady state.
    const steady = param(params, 'startSteady', 1) > 0;
    let speed = steady && running ? target : 0; // % of rated
    let flow = 0;
    let pressure = 0;
    let power = 0;
    const heat = (p: number) => ambient + 4 * p;
    let temp = steady && running ? heat(ratedPower * (target / 100) ** 3) : ambient;
    let vibration = 0;
    return {
      faults,
      step(dt, rng) {
        faults.advance(dt, rng, running);
        const wear = faults.level('bearingWear');
        const clog = faults.level('cloggedFilter');
        speed = approach(speed, running ? target : 0, dt, tau);
        const n = speed / 100;
        flow = Math.max(0, ratedFlow * n * (1 - 0.5 * clog) + noise(rng, 0.3 * n));
        pressure = Math.max(0, ratedPressure * n * n * (1 + 0.35 * clog) + noise(rng, 0.02 * n));
        power = ratedPower * n * n * n * (1 - 0.2 * clog);
        const hot = n > 0.05 ? 12 * wear + 40 * faults.level('overheating') : 0;
        temp = approach(temp, heat(power) + hot, dt, running ? tauHeat : tauCool);
        vibration = Math.max(0, 0.4 + 2.2 * n + 4.5 * wear * Math.min(1, n / 0.5) + noise(rng, 0.05));
      },
      readings: () => ({ running, speed, flow, outletPressure: pressure, power, bearingTemperature: temp, vibration }),
      invoke(action, input) {
        const f = faultAction(faults, action, input);
        if (f) return f;
        switch (action) {
          case 'start':
            running = true;
            return { ok: true };
          case 'stop':
            running = false;
            return { ok: true };
          case 'setSpeed': {
            const pct = numberInput(input, 'percent');
            if (pct === null || pct < 0 || pct > 100) return { ok: false, reason: 'speed must be 0–100 %' };
            target = pct;
            return { ok: true };
          }
          default:
            return { ok: false, reason: `unknown action ${action}` };
        }
      },
    };
  },
};
