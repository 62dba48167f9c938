/**
 * A twin's live data as plain values — the one declaration of its shape. The server's runtime keeps
 * it (server/twins/live.ts), the room writes it into the schema state (shared/state/twin.ts, whose
 * fields mirror these), and the client reads it back into its store (client/twins/store.ts). The
 * state carries the enumerations as strings: `qualityOf`, `severityOf` and `commandStatusOf` read
 * them back with a check instead of a cast.
 */

/**
 * Quality of a value or a twin: `good`, `stale` (nothing new for `staleAfter` s, or the source is
 * down), `bad` (the latest reading was refused) or `no_data` (in a replay: nothing was recorded near
 * the replayed time, SPEC RP4).
 */
export const QUALITIES = ['good', 'stale', 'bad', 'no_data'] as const;
export type Quality = (typeof QUALITIES)[number];

/** Severity of an alarm rule (TD `tv:twin.alarms`). */
export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** Status of a command: `pending` until the device answers, then one of the three outcomes. */
export const COMMAND_STATUSES = ['pending', 'acknowledged', 'refused', 'timed_out'] as const;
export type CommandStatus = (typeof COMMAND_STATUSES)[number];

function oneOf<T extends string>(list: readonly T[], fallback: T): (s: string) => T {
  return (s) => ((list as readonly string[]).includes(s) ? (s as T) : fallback);
}

/** Reads a quality from the state; anything unknown is not to be trusted: `stale`. */
export const qualityOf = oneOf(QUALITIES, 'stale');
/** Reads a severity from the state; anything unknown shows as a `warning`. */
export const severityOf = oneOf(SEVERITIES, 'warning');
/** Reads a command status from the state; anything unknown is still `pending`. */
export const commandStatusOf = oneOf(COMMAND_STATUSES, 'pending');

/** A position, metres, in the protocol frame (right-handed, +Y up, −Z forward). */
export type Vec3 = [x: number, y: number, z: number];
/** A unit quaternion in the protocol frame. */
export type Quat = [x: number, y: number, z: number, w: number];

/** The latest reading of one property. */
export interface PropertyValue {
  /** JSON Schema type from the Thing Description. */
  type: string;
  /** Numbers, and booleans as 1/0; 0 before the first reading and for other types. */
  num: number;
  /** Strings, and objects/arrays as JSON text. */
  text: string;
  /** The unit as shown (the client shows the symbol of the TD's unit). */
  unit: string;
  /** ms since the Unix epoch; 0 before the first reading. */
  ts: number;
  quality: Quality;
  /** JSON text of a pending set-point, or ''. */
  desired: string;
  /** Rate of change now, units per second; 0 when level or unknown (SPEC TW11). */
  trend: number;
}

/** An active alarm. */
export interface Alarm {
  /** Alarm id from the TD's `tv:twin.alarms`. */
  id: string;
  /** The property it watches. */
  property: string;
  severity: Severity;
  /** Words for people, from the definition. */
  message: string;
  /** When it was raised, ms since the Unix epoch. */
  since: number;
  /** The value that raised it. */
  value: number;
  /** Who acknowledged it (session id and display name) and when, ms epoch (SPEC AK1); '' / 0 while nobody has. */
  ackBy: string;
  ackByName: string;
  ackAt: number;
}

/** An alarm the trend of `property` reaches at `at` if nothing changes (SPEC TW11). */
export interface Forecast {
  /** Alarm id from the TD's `tv:twin.alarms`. */
  id: string;
  property: string;
  severity: Severity;
  message: string;
  /** When the trend reaches the threshold, ms since the Unix epoch. */
  at: number;
  /** The threshold, in the property's unit. */
  limit: number;
}

/** A command someone sent to the machine, as everyone sees it. */
export interface Command {
  /** Command id (UUID), also in the device message and its acknowledgement. */
  id: string;
  /** TD action name. */
  action: string;
  /** The input as JSON text (empty when the action takes none). */
  input: string;
  /** Session id of who sent it (may have left since). */
  by: string;
  /** Display name of who sent it, at the time. */
  byName: string;
  status: CommandStatus;
  /** Why it was refused or timed out, in words; empty otherwise. */
  reason: string;
  /** Sent at, ms since the Unix epoch. */
  at: number;
  /** Finished at, ms since the Unix epoch; 0 while pending. */
  doneAt: number;
}

/** A movable part: who holds it and where it is (protocol frame). */
export interface PartPose {
  /** Session id of the holder; empty when nobody holds it. */
  holder: string;
  holderName: string;
  p: Vec3;
  q: Quat;
}
