/** What bench/room.ts and its bot threads (bench/roomBots.ts) tell each other. */

export interface BotsJob {
  endpoint: string;
  space: string;
  /** Bot indices [from, to) of this worker, of `n` in all. */
  from: number;
  to: number;
  n: number;
  hz: number;
  /** Indices of the bots that observe (time what they receive, count their socket's bytes). */
  observers: number[];
  hall: { width: number; depth: number };
  /** Shared send log: per bot RING entries of (time ms, head x, head z). */
  sends: SharedArrayBuffer;
  /** Shared write position per bot. */
  cursors: SharedArrayBuffer;
  seed: number;
  /** bench/hosts.ts: spread the bots over this many spaces (`<space>-<k>`, bot i in k = i mod rooms). */
  rooms?: number;
  /** bench/hosts.ts: servers to join through, bot i through endpoints[i mod length]; else `endpoint`. */
  endpoints?: string[];
}

export const RING = 64;
export const NEAR = 10;
export const MID = 20;

/** What one observer measured during the window. */
export interface ObserverReport {
  bytesDown: number;
  bytesUp: number;
  /** Latencies, ms, of poses from avatars within NEAR of the observer, and of all. */
  latNear: number[];
  latAll: number[];
  /** Pose updates received per tier, and avatar-seconds spent in each tier (sampled each second). */
  updates: [number, number, number];
  exposure: [number, number, number];
  unmatched: number;
}

export type BotsToMain =
  | { kind: 'ready' }
  | { kind: 'report'; observers: ObserverReport[]; sent: number; refusals: Record<string, number>; joinMs?: number[] }
  | { kind: 'error'; message: string };
export type MainToBots = { kind: 'start' } | { kind: 'stop' };
