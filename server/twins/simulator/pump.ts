/**
 * Centrifugal pump on a variable-speed drive: speed follows its set-point with inertia; flow,
 * pressure and shaft power follow the affinity laws (Q ∝ n, p ∝ n², P ∝ n³); bearing temperature rises
 * with power toward a steady state; vibration grows with speed.
 */
import { param, numberInput, type ModelFactory } from './model.js';
import { approach, noise } from './rng.js';

export const pump: ModelFactory = {
  actions: new Set(['start', 'stop', 'setSpeed']),
  create(params) {
    const ambient = param(params, 'ambient', 22);
    const ratedFlow = param(params, 'ratedFlow', 60); // m³/h at 100 %
    const ratedPressure = param(params, 'ratedPressure', 7); // bar at 100 %
    const ratedPower = param(params, 'ratedPower', 15); // kW at 100 %
    const tau = param(params, 'tauSpeed', 2);
    const tauTemp = param(params, 'tauTemp', 25);
    let running = param(params, 'startRunning', 1) > 0;
    let target = param(params, 'startPercent', 70);
    let speed = 0; // % of rated
    let flow = 0;
    let pressure = 0;
    let power = 0;
    let temp = ambient;
    let vibration = 0;
    return {
      step(dt, rng) {
        speed = approach(speed, running ? target : 0, dt, tau);
        const n = speed / 100;
        flow = Math.max(0, ratedFlow * n + noise(rng, 0.3 * n));
        pressure = Math.max(0, ratedPressure * n * n + noise(rng, 0.02 * n));
        power = ratedPower * n * n * n;
        temp = approach(temp, ambient + 4 * power, dt, tauTemp);
        vibration = Math.max(0, 0.4 + 2.2 * n + noise(rng, 0.05));
      },
      readings: () => ({ running, speed, flow, outletPressure: pressure, power, bearingTemperature: temp, vibration }),
      invoke(action, input) {
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
