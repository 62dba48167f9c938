/**
 * A clock a test drives, for the server parts whose subject is time (staleness): the monotonic side
 * stands still until the test advances it, so "not yet" and "now" are decided by the test, never by
 * how busy the machine is. Timestamps (`wall`) stay real: they are data, not a deadline.
 */
import type { TwinClock } from '../../server/twins/runtimeOptions.js';

export class ManualClock implements TwinClock {
  private t = 0;

  now(): number {
    return this.t;
  }

  wall(): number {
    return Date.now();
  }

  advance(ms: number): void {
    this.t += ms;
  }
}
