/**
 * What a twin runtime is built from (server/twins/runtime.ts): its sources and store, and the hooks
 * through which it keeps history, audits people's changes and reads time. The composition
 * (server/twins/start.ts) fills them; unit tests leave the optional ones out.
 */
import type { Logger } from '../log.js';
import type { CommandStore } from '../store/commandStore.js';
import type { AlarmEvent } from '../store/alarmEventsTable.js';
import type { Journal } from '../audit/journal.js';
import type { LoadProblem } from './loader.js';

export interface TwinRuntimeOptions {
  /** Broker URL; when unset, MQTT forms are not bound. */
  mqttUrl: string | undefined;
  /** Run the built-in simulator for twins that have a model and no bound MQTT telemetry. */
  simulator: boolean;
  /** HTTP ingest is on (twins with no other source show `http`). */
  httpIngest?: boolean;
  seed: number;
  commandTimeoutMs: number;
  store: CommandStore;
  /** Persists accepted values and alarm events (server/history/); none in unit tests. */
  recorder?: TwinRecorder;
  log: Logger;
  /** Files that failed to load, kept for the API. */
  failures?: { file: string; problems: LoadProblem[] }[];
  /** Where time comes from; the process's clocks unless a test drives staleness by hand. */
  clock?: TwinClock;
  /** Audits commands and acknowledgements, and keeps acknowledgements as alarm events (SPEC AU1, AK3); none in unit tests. */
  memory?: TwinMemoryHooks;
}

/** Where the runtime's changes by people are kept: the journal (audit + activity) and the alarm events. */
export interface TwinMemoryHooks {
  journal: Journal;
  alarmEvent(e: AlarmEvent): void;
}

/** Where accepted numeric/boolean values and alarm transitions go to be kept (SPEC HS1, HS6). */
export interface TwinRecorder {
  /** `t` ms epoch; booleans as 1/0. */
  value(twin: string, property: string, t: number, v: number, boolean: boolean): void;
  alarm(e: AlarmEvent): void;
}

/** The runtime's two clocks, ms: `now` is monotonic (staleness, log throttling), `wall` is the Unix epoch (timestamps). */
export interface TwinClock {
  now(): number;
  wall(): number;
}

export const PROCESS_CLOCK: TwinClock = { now: () => performance.now(), wall: () => Date.now() };
