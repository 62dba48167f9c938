/**
 * The subset of a W3C WoT Thing Description 1.1 (https://www.w3.org/TR/wot-thing-description11/)
 * that Twinverse reads. A TD is open-world JSON-LD: other members may be present and are kept as
 * they are (the server serves the file it loaded). The server checks this subset structurally when
 * it loads a file (server/twins/loader.ts); these types describe a TD that passed.
 */

/** A JSON Schema based DataSchema (TD §5.3.2.1) with the TD's own terms. */
export interface DataSchema {
  type?: 'number' | 'integer' | 'boolean' | 'string' | 'object' | 'array' | 'null';
  title?: string;
  description?: string;
  /** Unit of the value, free text or a QUDT-like term (e.g. `degree Celsius`, `rpm`, `%`). */
  unit?: string;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  readOnly?: boolean;
  writeOnly?: boolean;
  properties?: Record<string, DataSchema>;
  required?: string[];
  items?: DataSchema | DataSchema[];
  [term: string]: unknown;
}

/** How to reach an affordance (TD §5.3.4.2): `href` (resolved against the TD's `base`) and the operations it serves. */
export interface Form {
  href: string;
  op?: string | string[];
  contentType?: string;
  [term: string]: unknown;
}

export interface PropertyAffordance extends DataSchema {
  observable?: boolean;
  forms: Form[];
}

export interface ActionAffordance {
  title?: string;
  description?: string;
  input?: DataSchema;
  output?: DataSchema;
  safe?: boolean;
  idempotent?: boolean;
  forms: Form[];
  [term: string]: unknown;
}

export interface EventAffordance {
  title?: string;
  description?: string;
  data?: DataSchema;
  forms: Form[];
  [term: string]: unknown;
}

export interface ThingDescription {
  '@context': unknown;
  id?: string;
  title: string;
  description?: string;
  base?: string;
  properties?: Record<string, PropertyAffordance>;
  actions?: Record<string, ActionAffordance>;
  events?: Record<string, EventAffordance>;
  /** Thing-level forms, e.g. `observeallproperties` on one MQTT topic. */
  forms?: Form[];
  [term: string]: unknown;
}

/** The operations a form serves: TD default is by affordance kind when `op` is absent (TD §5.3.4.2). */
export function formOps(form: Form, kind: 'property' | 'action' | 'event' | 'thing', readOnly = false): string[] {
  if (typeof form.op === 'string') return [form.op];
  if (Array.isArray(form.op)) return form.op;
  if (kind === 'property') return readOnly ? ['readproperty'] : ['readproperty', 'writeproperty'];
  if (kind === 'action') return ['invokeaction'];
  if (kind === 'event') return ['subscribeevent', 'unsubscribeevent'];
  return [];
}
