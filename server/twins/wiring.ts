/**
 * Turns the loaded definitions into live twins, each bound to its source (`bindings.ts` decides which
 * from its forms and this process's set-up), and gathers what the sources need: the MQTT
 * subscriptions, the simulated twins, each twin's action routes. What is not bound is logged once.
 */
import type { Logger } from '../log.js';
import { planBindings, type ActionRoute } from './bindings.js';
import type { TwinDefinition } from './definition.js';
import { LiveTwin } from './live.js';
import { MODELS } from './simulator/models.js';
import type { MqttSubscriptions } from './sources/mqttSource.js';

export interface WiringOptions {
  /** A broker is configured (MQTT_URL). */
  mqtt: boolean;
  simulator: boolean;
  httpIngest: boolean;
}

export interface Wiring {
  twins: Map<string, LiveTwin>;
  /** Twin id → action name → how a command reaches the machine. */
  routes: Map<string, Map<string, ActionRoute>>;
  mqttSubs: MqttSubscriptions[];
  simTwins: LiveTwin[];
}

export function wireTwins(defs: readonly TwinDefinition[], o: WiringOptions, log: Logger): Wiring {
  const w: Wiring = { twins: new Map(), routes: new Map(), mqttSubs: [], simTwins: [] };
  for (const def of defs) {
    const twin = new LiveTwin(def);
    const plan = planBindings(def, {
      mqtt: o.mqtt,
      simulator: o.simulator,
      httpIngest: o.httpIngest,
      simulatorActions: def.ext.simulator ? MODELS[def.ext.simulator.model].actions : new Set(),
    });
    twin.source = plan.source;
    twin.notes = plan.notes;
    w.twins.set(def.id, twin);
    w.routes.set(def.id, plan.actions);
    if (plan.source === 'simulator') w.simTwins.push(twin);
    const actionTopics = [...plan.actions.values()].flatMap((r) => (r.kind === 'mqtt' ? [r.topic] : []));
    if (plan.propertyTopics.size > 0 || plan.allPropertiesTopics.length > 0 || plan.eventTopics.size > 0 || actionTopics.length > 0)
      w.mqttSubs.push({
        twin,
        propertyTopics: plan.propertyTopics,
        allPropertiesTopics: plan.allPropertiesTopics,
        eventTopics: plan.eventTopics,
        actionTopics,
      });
    // The simulator standing in for a broker is the default set-up, not a problem worth a warning.
    for (const note of plan.notes)
      if (plan.source === 'simulator' && note.startsWith('MQTT forms not bound'))
        log.info({ twin: def.id, file: def.file }, `twin: ${note}`);
      else log.warn({ twin: def.id, file: def.file }, `twin: ${note}`);
  }
  return w;
}
