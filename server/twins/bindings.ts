/**
 * Decides how the server reaches each twin, from its TD forms and what this process has configured
 * (SPEC TW5, MQ1): telemetry from MQTT topics named by property (or Thing-level
 * `observeallproperties`) forms when a broker is configured, and events from their `subscribeevent`
 * topics; else telemetry from the built-in simulator when
 * the definition names a model; actions over MQTT, HTTP callbacks or the simulator. Forms of any
 * other protocol (CoAP, Modbus, OPC UA …) are listed as not bound, so the log and the panel say so.
 */
import { formOps, type Form } from '../../shared/twin/td.js';
import type { TwinDefinition } from './definition.js';
import type { TwinSource } from './live.js';

export type ActionRoute = { kind: 'mqtt'; topic: string } | { kind: 'http'; url: string } | { kind: 'simulator' };

export interface TwinBindings {
  source: TwinSource;
  /** MQTT topic → property it carries (only when the source is MQTT). */
  propertyTopics: Map<string, string>;
  /** MQTT topics carrying an object of several properties (`observeallproperties`). */
  allPropertiesTopics: string[];
  /** MQTT topic → event it carries (`subscribeevent` forms), when a broker is configured. */
  eventTopics: Map<string, string>;
  actions: Map<string, ActionRoute>;
  /** Words for people about what is not bound and why. */
  notes: string[];
}

export interface BindingOptions {
  mqtt: boolean;
  simulator: boolean;
  /** HTTP ingest is on (INGEST_TOKEN set): a twin with no other source is fed by pushes. */
  httpIngest?: boolean;
  /** Actions the simulator model answers (by name), when the twin has one. */
  simulatorActions: ReadonlySet<string>;
}

/** Which protocol a form speaks, from its href resolved against the TD's base. */
export function formTarget(form: Form, base: string | undefined): { scheme: string; url: URL | null } {
  let url: URL | null = null;
  try {
    url = base ? new URL(form.href, base) : new URL(form.href);
  } catch {
    return { scheme: 'invalid', url: null };
  }
  return { scheme: url.protocol.replace(/:$/, ''), url };
}

/**
 * The MQTT topic of a form: the MQTT binding's `mqv:topic` when given, else the href's path. The
 * href's host is not used: the server talks to its configured broker (MQTT_URL); bridge brokers when
 * devices publish elsewhere.
 */
export function mqttTopic(form: Form, url: URL): string {
  const explicit = form['mqv:topic'];
  if (typeof explicit === 'string' && explicit.length > 0) return explicit;
  return decodeURIComponent(url.pathname.replace(/^\//, ''));
}

const isMqtt = (scheme: string) => scheme === 'mqtt' || scheme === 'mqtts';
const isHttp = (scheme: string) => scheme === 'http' || scheme === 'https';

export function planBindings(def: TwinDefinition, o: BindingOptions): TwinBindings {
  const notes: string[] = [];
  const unbound = new Map<string, string[]>();
  const note = (scheme: string, what: string) => {
    const list = unbound.get(scheme) ?? [];
    list.push(what);
    unbound.set(scheme, list);
  };
  const propertyTopics = new Map<string, string>();
  const allPropertiesTopics: string[] = [];
  let hasMqttTelemetry = false;

  // A camera's properties are written by its video feed (server/video/, SPEC VT2), whatever their forms say.
  for (const p of def.camera ? [] : def.properties.values()) {
    for (const form of p.forms) {
      const { scheme, url } = formTarget(form, def.base);
      const ops = formOps(form, 'property', p.readOnly);
      const reads = ops.some((op) => op === 'readproperty' || op === 'observeproperty');
      if (!reads) continue;
      if (isMqtt(scheme) && url) {
        hasMqttTelemetry = true;
        if (o.mqtt) propertyTopics.set(mqttTopic(form, url), p.name);
      } else if (!isMqtt(scheme)) note(scheme, `property ${p.name}`);
    }
  }
  for (const form of def.forms) {
    const { scheme, url } = formTarget(form, def.base);
    const ops = formOps(form, 'thing');
    if (!ops.some((op) => op === 'observeallproperties' || op === 'readallproperties')) continue;
    if (isMqtt(scheme) && url) {
      hasMqttTelemetry = true;
      if (o.mqtt) allPropertiesTopics.push(mqttTopic(form, url));
    } else if (!isHttp(scheme)) note(scheme, 'all properties');
  }
  const eventTopics = new Map<string, string>();
  for (const e of def.events.values()) {
    let bound = false;
    for (const form of e.forms) {
      const { scheme, url } = formTarget(form, def.base);
      if (isMqtt(scheme) && url && o.mqtt && formOps(form, 'event').includes('subscribeevent')) {
        eventTopics.set(mqttTopic(form, url), e.name);
        bound = true;
        break;
      }
    }
    if (!bound) {
      const scheme = e.forms[0] ? formTarget(e.forms[0], def.base).scheme : 'none';
      note(`${scheme} event`, `event ${e.name}`);
    }
  }

  let source: TwinSource = 'none';
  if (def.camera) source = 'video';
  else if (o.mqtt && hasMqttTelemetry) source = 'mqtt';
  else if (o.simulator && def.ext.simulator) source = 'simulator';
  else if (o.httpIngest) source = 'http';
  if (hasMqttTelemetry && !o.mqtt)
    notes.push(
      source === 'simulator'
        ? 'MQTT forms not bound: no broker configured (MQTT_URL); the built-in simulator runs this machine'
        : 'MQTT forms not bound: no broker configured (MQTT_URL)',
    );

  const actions = new Map<string, ActionRoute>();
  for (const a of def.actions.values()) {
    if (source === 'simulator') {
      if (o.simulatorActions.has(a.name)) actions.set(a.name, { kind: 'simulator' });
      else notes.push(`action ${a.name}: the simulator model does not answer it`);
      continue;
    }
    let route: ActionRoute | null = null;
    for (const form of a.forms) {
      const { scheme, url } = formTarget(form, def.base);
      if (!formOps(form, 'action').includes('invokeaction') || !url) continue;
      if (isMqtt(scheme) && o.mqtt) route = { kind: 'mqtt', topic: mqttTopic(form, url) };
      else if (isHttp(scheme)) route = { kind: 'http', url: url.href };
      if (route) break;
    }
    if (route) actions.set(a.name, route);
    else note(a.forms[0] ? formTarget(a.forms[0], def.base).scheme : 'none', `action ${a.name}`);
  }

  for (const [scheme, what] of unbound) {
    const label =
      scheme === 'http' || scheme === 'https' ? 'http (reads are not polled: push values with POST /api/twins/:id/properties)' : scheme;
    if (scheme.endsWith(' event'))
      notes.push(
        `events not bound (${scheme.replace(' event', '')}${isMqtt(scheme.replace(' event', '')) ? ': no broker configured' : ''}): ${what.join(', ')}`,
      );
    else notes.push(`forms not bound, ${label}: ${what.join(', ')}`);
  }
  for (const w of def.warnings) notes.push(w);
  return { source, propertyTopics, allPropertiesTopics, eventTopics, actions, notes };
}
