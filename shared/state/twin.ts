/**
 * Twin state: one {@link TwinState} per machine placed in the space, keyed by twin id in
 * {@link SpaceState.twins}. Only what the eye needs now: latest values with quality and trend, active and forecast alarms,
 * pending and recent commands, movable parts, who has the panel open. The machine's model and visual
 * bindings are static and come from its Thing Description (`GET /api/twins/:id/td`, the `tv:twin`
 * block, shared/twin/extension.ts); the sparkline window comes with the `twin.history` message.
 * Fields only; the server's twins feature writes them at the patch rate. The plain shape of the same
 * data (and the enumerations the string fields hold) is declared once in shared/twin/data.ts.
 */
import { schema, type SchemaType } from '@colyseus/schema';

/** The latest reading of one property of a twin. */
export const TwinPropertyState = schema(
  {
    /** JSON Schema type from the Thing Description: `number`, `integer`, `boolean`, `string`, `object` or `array`. */
    type: { type: 'string', default: 'number' },
    /** The value when `type` is number or integer; for boolean 1 (true) or 0 (false). 0 until the first reading (`ts` is 0 then) and for other types. */
    num: { type: 'float64', default: 0 },
    /** The value when `type` is string; objects and arrays as JSON text (at most 256 characters). */
    text: { type: 'string', default: '' },
    /** Unit from the TD (e.g. `rpm`, `degree Celsius`, `bar`); empty when none. */
    unit: { type: 'string', default: '' },
    /** When the value was measured, milliseconds since the Unix epoch (the source's timestamp if it sent one). 0 until the first reading. */
    ts: { type: 'float64', default: 0 },
    /** Quality of this value: `good`, `stale` or `bad` (shared/twin/data.ts). */
    quality: { type: 'string', default: 'stale' },
    /** The value a set-point command asked for, as JSON text, while the reported value differs; empty otherwise. */
    desired: { type: 'string', default: '' },
    /** Rate of change now, units per second (3 significant digits), from the last 60 s; 0 when level, too noisy or unknown (SPEC TW11). */
    trend: { type: 'float32', default: 0 },
    /** Anomaly score against the property's own rolling baseline (SPEC AN6): 0 normal, ≥ 1 anomalous (2 significant digits); numbers only. */
    anomaly: { type: 'float32', default: 0 },
  },
  'TwinPropertyState',
);
export type TwinPropertyState = SchemaType<typeof TwinPropertyState>;

/** An active alarm (removed from the map when it clears). */
export const TwinAlarmState = schema(
  {
    /** Alarm id from the TD's `tv:twin.alarms`. */
    id: { type: 'string', default: '' },
    /** The property it watches. */
    property: { type: 'string', default: '' },
    /** `info`, `warning` or `critical`. */
    severity: { type: 'string', default: 'warning' },
    /** Words for people, from the definition. */
    message: { type: 'string', default: '' },
    /** When it was raised, ms since the Unix epoch. */
    since: { type: 'float64', default: 0 },
    /** The value that raised it. */
    value: { type: 'float64', default: 0 },
    /** Session id of who acknowledged it (SPEC AK1); empty while nobody has. */
    ackBy: { type: 'string', default: '' },
    /** Display name of who acknowledged it, at the time; empty while nobody has. */
    ackByName: { type: 'string', default: '' },
    /** When it was acknowledged, ms since the Unix epoch; 0 while nobody has. */
    ackAt: { type: 'float64', default: 0 },
  },
  'TwinAlarmState',
);
export type TwinAlarmState = SchemaType<typeof TwinAlarmState>;

/** An alarm the property's trend will reach soon if nothing changes (SPEC TW11); gone once it is active or the trend turns. */
export const TwinForecastState = schema(
  {
    /** Alarm id from the TD's `tv:twin.alarms`. */
    id: { type: 'string', default: '' },
    /** The property whose trend reaches it. */
    property: { type: 'string', default: '' },
    /** `info`, `warning` or `critical`: the alarm's own. */
    severity: { type: 'string', default: 'warning' },
    /** The alarm's words for people. */
    message: { type: 'string', default: '' },
    /** When the trend reaches the threshold, ms since the Unix epoch. */
    at: { type: 'float64', default: 0 },
    /** The threshold, in the property's unit. */
    limit: { type: 'float64', default: 0 },
  },
  'TwinForecastState',
);
export type TwinForecastState = SchemaType<typeof TwinForecastState>;

/** A property departing from its own baseline (SPEC AN7): a notice for everyone, gone when it returns or the machine is operated. */
export const TwinAnomalyState = schema(
  {
    /** The property, by TD name (also its key in `anomalies`). */
    property: { type: 'string', default: '' },
    /** `high` (above its baseline) or `low`. */
    direction: { type: 'string', default: 'high' },
    /** When it was raised, ms since the Unix epoch. */
    since: { type: 'float64', default: 0 },
    /** The reading that raised it, and the baseline (median of the last 5 minutes) it departs from, in the property's unit. */
    value: { type: 'float64', default: 0 },
    baseline: { type: 'float64', default: 0 },
  },
  'TwinAnomalyState',
);
export type TwinAnomalyState = SchemaType<typeof TwinAnomalyState>;

/** A command someone sent to the machine: pending ones and the few most recent outcomes. */
export const TwinCommandState = schema(
  {
    /** Command id (UUID), also in the device message and its acknowledgement. */
    id: { type: 'string', default: '' },
    /** TD action name. */
    action: { type: 'string', default: '' },
    /** The input as JSON text (empty when the action takes none). */
    input: { type: 'string', default: '' },
    /** Session id of who sent it (may have left since). */
    by: { type: 'string', default: '' },
    /** Display name of who sent it, at the time. */
    byName: { type: 'string', default: '' },
    /** `pending`, `acknowledged`, `refused` or `timed_out` (shared/twin/data.ts). */
    status: { type: 'string', default: 'pending' },
    /** Why it was refused or timed out, in words; empty otherwise. */
    reason: { type: 'string', default: '' },
    /** Sent at, ms since the Unix epoch. */
    at: { type: 'float64', default: 0 },
    /** Finished at, ms since the Unix epoch; 0 while pending. */
    doneAt: { type: 'float64', default: 0 },
  },
  'TwinCommandState',
);
export type TwinCommandState = SchemaType<typeof TwinCommandState>;

/**
 * A movable part (TD `tv:twin.movable`): who holds it and where it is. Pose in the protocol frame
 * (right-handed, +Y up, −Z forward, metres; unit quaternion as float32).
 */
export const TwinPartState = schema(
  {
    /** Session id of the holder; empty when nobody holds it. */
    holder: { type: 'string', default: '' },
    /** Display name of the holder; empty when nobody holds it. */
    holderName: { type: 'string', default: '' },
    px: { type: 'float32', default: 0 },
    py: { type: 'float32', default: 0 },
    pz: { type: 'float32', default: 0 },
    qx: { type: 'float32', default: 0 },
    qy: { type: 'float32', default: 0 },
    qz: { type: 'float32', default: 0 },
    qw: { type: 'float32', default: 1 },
  },
  'TwinPartState',
);
export type TwinPartState = SchemaType<typeof TwinPartState>;

export const TwinState = schema(
  {
    /** Twin id (the definition's file name, e.g. `cnc-1`); the same as its key in `twins`. */
    id: { type: 'string', default: '' },
    /** TD `title`. */
    title: { type: 'string', default: '' },
    /** Where its values come from: `simulator`, `mqtt`, `http` (push only) or `none`. */
    source: { type: 'string', default: 'none' },
    /** `good` while any bound property is fresh, `stale` when all are silent or the source is down. */
    quality: { type: 'string', default: 'stale' },
    /** Placement from the space layout: position (protocol frame, metres) … */
    px: { type: 'float32', default: 0 },
    py: { type: 'float32', default: 0 },
    pz: { type: 'float32', default: 0 },
    /** … rotation (unit quaternion) … */
    qx: { type: 'float32', default: 0 },
    qy: { type: 'float32', default: 0 },
    qz: { type: 'float32', default: 0 },
    qw: { type: 'float32', default: 1 },
    /** … and uniform scale (1 = the model's own size). */
    scale: { type: 'float32', default: 1 },
    /** What loading found and people should know, e.g. forms that are not bound (Modbus, CoAP …). Static. */
    notes: { array: 'string' },
    /** Latest values by TD property name. */
    properties: { map: TwinPropertyState },
    /** Active alarms by alarm id. */
    alarms: { map: TwinAlarmState },
    /** Alarms a trend will reach soon, by alarm id (SPEC TW11). */
    forecasts: { map: TwinForecastState },
    /** Properties departing from their own baseline, by property name (SPEC AN7). */
    anomalies: { map: TwinAnomalyState },
    /** Pending commands and the last few outcomes, by command id. */
    commands: { map: TwinCommandState },
    /** Movable parts by part id. */
    parts: { map: TwinPartState },
    /** Who has this twin's panel open: session id → display name. */
    viewers: { map: 'string' },
  },
  'TwinState',
);
export type TwinState = SchemaType<typeof TwinState>;
