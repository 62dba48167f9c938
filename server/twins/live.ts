/**
 * The live side of a twin in the process-wide runtime: latest value per property, alarms, commands.
 * Plain objects with version counters: each space room copies what changed into its schema state at
 * its patch (server/twins/room/twinSync.ts), so a property updated a thousand times between two
 * patches costs one write.
 */
import type { Alarm, Command, Forecast as ForecastData, Quality } from '../../shared/twin/data.js';
import type { TwinDefinition, PropertyDef } from './definition.js';
import { History } from './history.js';

/** `video`: a camera, whose properties its feed writes (server/video/). */
export type TwinSource = 'simulator' | 'mqtt' | 'http' | 'video' | 'none';

export class LiveProperty {
  /** The last accepted value as received. */
  value: unknown = undefined;
  /** Numeric view (booleans 1/0); NaN when not numeric or none yet. */
  num = Number.NaN;
  /** Text view for strings, JSON for objects/arrays (capped). */
  text = '';
  /** Source timestamp, ms since epoch. */
  ts = 0;
  /** When it was received, ms on the process's monotonic clock (staleness). */
  receivedAt = 0;
  quality: Quality = 'stale';
  /** JSON text of a pending/unreached set-point, '' when none. */
  desired = '';
  desiredNum = Number.NaN;
  desiredTolerance = 0;
  /** Trend, units per second (3 significant digits); 0 when level or not known (SPEC TW11). */
  trend = 0;
  /** Source time of the last trend computation, ms since epoch. */
  trendAt = 0;
  /** Anomaly score against its own baseline (SPEC AN6): 0 normal, ≥ 1 anomalous (2 significant digits). */
  anomaly = 0;
  refused = 0;
  accepted = 0;
  version = 0;
  readonly history: History | null;

  constructor(readonly def: PropertyDef) {
    this.history = def.numeric ? new History() : null;
  }
}

/** An active alarm (shared/twin/data.ts). */
export type ActiveAlarm = Alarm;

/** An alarm the property's trend reaches within the forecast horizon (SPEC TW11). */
export type Forecast = ForecastData;

/** A command as the runtime and the command store keep it: what everyone sees, plus its routing. */
export interface CommandRecord extends Omit<Command, 'input'> {
  twin: string;
  space: string;
  /** The input as sent. */
  input: unknown;
  /** JSON text of the input ('' when none): what the state shows as `input`. */
  inputText: string;
}

export class LiveTwin {
  readonly properties = new Map<string, LiveProperty>();
  readonly alarms = new Map<string, ActiveAlarm>();
  /** Alarm id → forecast, for alarms not active yet. */
  readonly forecasts = new Map<string, Forecast>();
  /** Property → anomaly notice, while it departs from its own baseline (SPEC AN7). */
  readonly anomalies = new Map<string, Anomaly>();
  /** Pending commands and the most recent outcomes, oldest first. */
  readonly commands = new Map<string, CommandRecord>();
  /** Alarm id → active, including cleared ones (for hysteresis). */
  readonly alarmOn = new Map<string, boolean>();
  quality: Quality = 'stale';
  source: TwinSource = 'none';
  /** When someone last operated the machine (an acknowledged command other than a fault), ms epoch; 0 = never (SPEC AN6). */
  operatedAt = 0;
  /** Notes for people: unbound forms and the like (static after start). */
  notes: string[] = [];
  /** Bumped when alarms, forecasts, commands or quality change (property changes bump the property's own). */
  alarmsVersion = 0;
  forecastsVersion = 0;
  anomaliesVersion = 0;
  commandsVersion = 0;
  qualityVersion = 0;
  /** Bumped on any change at all: rooms skip twins whose version they have seen. */
  version = 0;

  constructor(readonly def: TwinDefinition) {
    for (const p of def.properties.values()) this.properties.set(p.name, new LiveProperty(p));
  }

  get id(): string {
    return this.def.id;
  }
}

/** An anomaly notice on one property (what everyone sees). */
export interface Anomaly {
  property: string;
  /** `high` when the value is above its baseline, `low` below. */
  direction: 'high' | 'low';
  /** When it was raised, ms since the Unix epoch (source time). */
  since: number;
  /** The reading that raised it, and the baseline (median) it departs from. */
  value: number;
  baseline: number;
  /** Robust standard deviation of the baseline, in the property's unit. */
  spread: number;
}
