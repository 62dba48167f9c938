/**
 * CNC milling spindle: speed follows its set-point with inertia (first-order lag); motor temperature
 * rises with load toward a steady state and cools toward ambient; the tool wears with running time and
 * vibration grows with speed and wear. The device refuses to start with a worn-out tool and to change
 * the tool while running.
 */
import { param, numberInput, type ModelFactory } from './model.js';
import { approach, noise } from './rng.js';

export const spindle: ModelFactory = {
  actions: new Set(['start', 'stop', 'setSpeed', 'changeTool']),
  create(params) {
    const ambient = param(params, 'ambient', 22);
    const maxRpm = param(params, 'maxRpm', 12000);
    const tauSpeed = param(params, 'tauSpeed', 1.2);
    const tauTemp = param(params, 'tauTemp', 20);
    /** °C above ambient per % load, at steady state. */
    const heatPerLoad = param(params, 'heatPerLoad', 0.75);
    /** Tool wear, % per second at full speed. */
    const wearRate = param(params, 'wearRate', 0.02);
    let running = param(params, 'startRunning', 1) > 0;
    let target = param(params, 'startRpm', 8000);
    let speed = 0;
    let temp = ambient;
    let wear = param(params, 'startWear', 10);
    let load = 0;
    let vibration = 0;
    return {
      step(dt, rng) {
        speed = approach(speed, running ? target : 0, dt, tauSpeed);
        const n = speed / maxRpm;
        load = running ? Math.min(100, Math.max(0, 15 + 55 * n + noise(rng, 1.5))) : 0;
        temp = approach(temp, ambient + heatPerLoad * load, dt, tauTemp);
        wear = Math.min(100, wear + wearRate * n * dt);
        vibration = Math.max(0, 0.2 + n * (1.5 + 8 * (wear / 100) ** 2) + noise(rng, 0.05));
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
