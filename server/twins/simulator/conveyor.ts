/**
 * Belt conveyor: belt speed follows its set-point with inertia; motor current grows with speed and
 * jumps when the belt jams (a rare random event, deterministic given the seed); the motor warms with
 * current. Items are counted as they pass. A jammed belt refuses to start until the jam is cleared.
 */
import { param, numberInput, type ModelFactory } from './model.js';
import { approach, noise } from './rng.js';

export const conveyor: ModelFactory = {
  actions: new Set(['start', 'stop', 'setSpeed', 'clearJam']),
  create(params) {
    const ambient = param(params, 'ambient', 22);
    const maxSpeed = param(params, 'maxSpeed', 2);
    const tau = param(params, 'tauSpeed', 0.8);
    const tauTemp = param(params, 'tauTemp', 30);
    /** Chance of a jam per second of running. */
    const jamRate = param(params, 'jamRate', 0.002);
    /** Metres of belt between two items. */
    const spacing = param(params, 'itemSpacing', 0.6);
    let running = param(params, 'startRunning', 1) > 0;
    let target = param(params, 'startSpeed', 1);
    let speed = 0;
    let current = 0;
    let temp = ambient;
    let jammed = false;
    let travelled = 0;
    let items = 0;
    return {
      step(dt, rng) {
        if (running && !jammed && rng() < jamRate * dt) jammed = true;
        speed = approach(speed, running && !jammed ? target : 0, dt, jammed ? 0.1 : tau);
        current = running ? (jammed ? 9.5 : 1.5 + 4 * (speed / maxSpeed)) + noise(rng, 0.08) : 0;
        current = Math.max(0, current);
        temp = approach(temp, ambient + 6 * current, dt, tauTemp);
        travelled += speed * dt;
        while (travelled >= spacing) {
          travelled -= spacing;
          items++;
        }
      },
      readings: () => ({ running, jammed, beltSpeed: speed, motorCurrent: current, motorTemperature: temp, itemCount: items }),
      invoke(action, input) {
        switch (action) {
          case 'start':
            if (jammed) return { ok: false, reason: 'the belt is jammed: clear the jam first' };
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
            if (!jammed) return { ok: false, reason: 'the belt is not jammed' };
            jammed = false;
            running = false;
            return { ok: true };
          default:
            return { ok: false, reason: `unknown action ${action}` };
        }
      },
    };
  },
};
