/**
 * CNC milling spindle: speed follows its set-point with inertia (first-order lag); motor temperature
 * rises with load toward a steady state and cools toward ambient; the tool wears with running time and
 * vibration grows with speed and wear. The device refuses to start with a worn-out tool and to change
 * the tool while running. Faults (SPEC AN1): spindle bearing wear (vibration drifts up, the motor
 * runs warmer), overheating (coolant lost: a higher steady temperature).
 */
import { Faults, FAULT_ACTIONS } from './faults.js';
import { faultAction, param, numberInput, type ModelFactory } from './model.js';
import { approach, noise } from './rng.js';

/**
 * Thermal time constants of a ~15 kW milling spindle motor, s: ten minutes or so while running
 * (motors of this size are quoted at 10–30 min), twice that standing still (cooling constants run
 * 1.4–2× the heating one: Siemens handbook for electrical engineers §7.5.3, quoted on eng-tips.com
 * thread 207491).
 */
const TAU_HEAT_S = 600;
const TAU_COOL_S = 1200;

export const spindle: ModelFactory = {
  actions: new Set(['start', 'stop', 'setSpeed', 'changeTool', ...FAULT_ACTIONS]),
  faults: ['bearingWear', 'overheating'],
  create(params) {
    const faults = new Faults(spindle.faults);
    const ambient = param(params, 'ambient', 22);
    const maxRpm = param(params, 'maxRpm', 12000);
    const tauSpeed = param(params, 'tauSpeed', 1.2);
    const tauHeat = param(params, 'tauTemp', TAU_HEAT_S);
    const tauCool = param(params, 'tauCool', TAU_COOL_S);
    /** °C above ambient per % load, at steady state. */
    const heatPerLoad = param(params, 'heatPerLoad', 0.75);
    /** Tool wear, % per second at full speed. */
    const wearRate = param(params, 'wearRate', 0.02);
    let running = param(params, 'startRunning', 1) > 0;
    let target = param(params, 'startRpm', 8000);
    const steady = param(params, 'startSteady', 1) > 0;
    const loadAt = (rpm: number) => 15 + 55 * (rpm / maxRpm);
    let speed = steady && running ? target : 0;
    let temp = steady && running ? ambient + heatPerLoad * loadAt(target) : ambient;
    let wear = param(params, 'startWear', 10);
    let load = 0;
    let vibration = 0;
    return {
      faults,
      step(dt, rng) {
        faults.advance(dt, rng, running);
        const bearing = faults.level('bearingWear');
        speed = approach(speed, running ? target : 0, dt, tauSpeed);
        const n = speed / maxRpm;
        load = running ? Math.min(100, Math.max(0, loadAt(speed) + noise(rng, 1.5))) : 0;
        const hot = running ? 8 * bearing + 30 * faults.level('overheating') : 0;
        temp = approach(temp, ambient + heatPerLoad * load + hot, dt, running ? tauHeat : tauCool);
        wear = Math.min(100, wear + wearRate * n * dt);
        vibration = Math.max(0, 0.2 + n * (1.5 + 8 * (wear / 100) ** 2) + 5 * bearing * Math.min(1, n / 0.3) + noise(rng, 0.05));
      },
      readings: () => ({
        running,
        spindleSpeed: speed,
        load,
        motorTemperature: temp,
        vibration,
        toolWear: wear,
      }),
      invoke(action, input) {
        const f = faultAction(faults, action, input);
        if (f) return f;
        switch (action) {
          case 'start':
            if (wear >= 100) return { ok: false, reason: 'tool worn out: change the tool first' };
            running = true;
            return { ok: true };
          case 'stop':
            running = false;
            return { ok: true };
          case 'setSpeed': {
            const rpm = numberInput(input, 'rpm');
            if (rpm === null || rpm < 0 || rpm > maxRpm) return { ok: false, reason: `speed must be 0–${maxRpm} rpm` };
            target = rpm;
            return { ok: true };
          }
          case 'changeTool':
            if (running || speed > 1) return { ok: false, reason: 'stop the spindle before changing the tool' };
            wear = 0;
            return { ok: true };
          default:
            return { ok: false, reason: `unknown action ${action}` };
        }
      },
    };
  },
};
