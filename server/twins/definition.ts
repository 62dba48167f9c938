/**
 * A twin definition as the server holds it after loading: the TD as written (served back as is), the
 * validated extension, and per affordance what the runtime needs (value checks, forms).
 */
import type { CameraExtension } from '../../shared/twin/camera.js';
import type { AlarmRule, Setpoint, TwinExtension } from '../../shared/twin/extension.js';
import type { DataSchema, Form, ThingDescription } from '../../shared/twin/td.js';
import type { ValueCheck } from './schemas.js';

export interface PropertyDef {
  name: string;
  /** JSON Schema type (`number` when the TD says none: most sensors). */
  type: string;
  unit: string;
  numeric: boolean;
  readOnly: boolean;
  check: ValueCheck;
  forms: Form[];
  /** Alarm rules watching this property. */
  alarms: AlarmRule[];
  /** Its DataSchema as written in the TD. */
  schema: DataSchema;
}

export interface ActionDef {
  name: string;
  title: string;
  /** Null when the action takes no input. */
  check: ValueCheck | null;
  forms: Form[];
  setpoint: Setpoint | undefined;
}

export interface EventDef {
  name: string;
  /** Checks the event's `data` (null when the TD gives no data schema). */
  check: ValueCheck | null;
  forms: Form[];
}

export interface TwinDefinition {
  /** Twinverse id: the file name without `.td.json`. */
  id: string;
  /** The file it came from. */
  file: string;
  /** The TD exactly as loaded. */
  td: ThingDescription;
  title: string;
  description: string;
  /** The TD's own `id` (a URI), when it has one. */
  thingId: string | undefined;
  /** True when the TD carries a `tv:twin` member; otherwise `ext` is the default box. */
  hasExtension: boolean;
  ext: TwinExtension;
  /** The `tv:camera` member when the twin is a camera (SPEC VT1). */
  camera: CameraExtension | undefined;
  properties: Map<string, PropertyDef>;
  actions: Map<string, ActionDef>;
  events: Map<string, EventDef>;
  /** Thing-level forms (e.g. `observeallproperties`). */
  forms: Form[];
  base: string | undefined;
  /** Things worth knowing that did not stop the load (a missing security block …). */
  warnings: string[];
}
