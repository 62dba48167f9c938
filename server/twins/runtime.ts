/**
 * The twin runtime: one per process, shared by every space room that shows a twin (a machine has one
 * set of values, alarms and commands however many spaces show it). It owns the live twins, the
 * sources feeding them (simulator, MQTT; HTTP pushes come through the API), staleness, and the
 * command book. Rooms read it at their patch rate (server/twins/room/twinSync.ts).
 */
import type { Logger } from '../log.js';
import { acknowledgeAlarm, showAck, type AckResult } from './alarmAck.js';
import type { ActionRoute } from './bindings.js';
import { CommandBook } from './commands.js';
import type { Actor, InvokeResult } from './requests.js';
import type { TwinDefinition } from './definition.js';
import { checkValue, markRefused, newStats, writeValue, type IngestStats } from './ingest.js';
import type { CommandRecord, LiveProperty, LiveTwin } from './live.js';
import type { LoadProblem } from './loader.js';
import { FAULT_ACTIONS } from './simulator/faults.js';
import { postCommand } from './sources/httpDevice.js';
import { MqttSource } from './sources/mqttSource.js';
import { SimulatorSource } from './sources/simulatorSource.js';
import { PROCESS_CLOCK, type TwinClock, type TwinRecorder, type TwinRuntimeOptions } from './runtimeOptions.js';
import { markSilentStale, markStale } from './staleness.js';
import { LogThrottle } from './throttle.js';
import type { DesiredValue, TwinCluster } from './twinCluster.js';
import { wireTwins } from './wiring.js';

/** Receives a machine's event: twin id, event name, its data, when it arrived (ms epoch). */
export type EventListener = (twin: string, event: string, data: unknown, ts: number) => void;

/** Why a value was not taken. */
export type IngestRefusal = { code: 'unknown_twin' | 'unknown_property' | 'invalid_value' | 'malformed'; message: string };

/** How often staleness is checked, ms. */
const STALE_CHECK_MS = 200;
/** Newest plausible source timestamp, relative to now, ms (clock skew allowance). */
const MAX_FUTURE_MS = 5 * 60_000;

export class TwinRuntime {
  readonly stats: IngestStats = newStats();
  private readonly twins: Map<string, LiveTwin>;
  private readonly routes: Map<string, Map<string, ActionRoute>>;
  readonly commands: CommandBook;
  private mqtt: MqttSource | null = null;
  private sim: SimulatorSource | null = null;
  private staleTimer: NodeJS.Timeout | null = null;
  private readonly throttle = new LogThrottle();
  private readonly eventListeners = new Set<EventListener>();
  private readonly log: Logger;
  private readonly clock: TwinClock;
  private cluster: TwinCluster | null = null;
  readonly failures: { file: string; problems: LoadProblem[] }[];

  constructor(
    defs: TwinDefinition[],
    private readonly o: TwinRuntimeOptions,
  ) {
    this.log = o.log;
    this.clock = o.clock ?? PROCESS_CLOCK;
    this.failures = o.failures ?? [];
    const { twins, routes, mqttSubs, simTwins } = wireTwins(
      defs,
      { mqtt: o.mqttUrl !== undefined, simulator: o.simulator, httpIngest: o.httpIngest ?? false },
      this.log,
    );
    this.twins = twins;
    this.routes = routes;
    this.commands = new CommandBook(
      o.store,
      (twin, route, cmd) => this.forward(twin, route, cmd),
      o.commandTimeoutMs,
      this.log.child({ part: 'commands' }),
      (twin) => this.routes.get(twin.id) ?? new Map(),
      o.memory?.journal,
    );
    if (o.mqttUrl) {
      this.mqtt = new MqttSource(
        o.mqttUrl,
        mqttSubs,
        {
          value: (twin, property, raw, ts) => void this.ingest(twin.id, property, raw, ts),
          malformed: (twin, topic, why) => this.refuseMalformed(twin, topic, why),
          answer: (id, ok, reason) => this.answer(id, ok, reason),
          event: (twin, event, data) => this.event(twin, event, data),
          down: (isDown) => {
            if (isDown) for (const t of this.twins.values()) if (t.source === 'mqtt') markStale(t);
          },
        },
        this.log.child({ part: 'mqtt' }),
      );
    }
    if (o.simulator && simTwins.length > 0) {
      this.sim = new SimulatorSource(
        simTwins,
        o.seed,
        {
          publish: (twin, readings) => {
            // Another process runs this machine: ours is a shadow, kept in step by its commands (S4).
            if (!this.owns(twin.id)) return;
            const ts = this.clock.wall();
            for (const [k, v] of Object.entries(readings)) if (twin.properties.has(k)) this.ingest(twin.id, k, v, ts);
            this.cluster?.readings(twin.id, readings, ts);
          },
          answer: (id, ok, reason) => this.answer(id, ok, reason),
        },
        (err) => this.warn('simulator', { err }, 'simulator step failed'),
      );
    }
  }

  start(): void {
    this.mqtt?.start();
    this.sim?.start();
    this.commands.start();
    this.staleTimer = setInterval(() => this.checkStale(), STALE_CHECK_MS);
    this.log.info(
      { twins: [...this.twins.values()].map((t) => `${t.id} (${t.source})`), failed: this.failures.map((f) => f.file) },
      'twin runtime started',
    );
  }

  async stop(): Promise<void> {
    if (this.staleTimer) clearInterval(this.staleTimer);
    this.sim?.stop();
    this.commands.stop();
    await this.mqtt?.stop();
  }

  /** Joins the processes sharing the twins (SPEC S4): from now on this process runs only what it owns. */
  attachCluster(cluster: TwinCluster): void {
    this.cluster = cluster;
  }

  /** Whether this process runs the twin (always, when it is alone). */
  owns(id: string): boolean {
    return this.cluster ? this.cluster.owns(id) : true;
  }

  get(id: string): LiveTwin | undefined {
    return this.twins.get(id);
  }

  all(): IterableIterator<LiveTwin> {
    return this.twins.values();
  }

  /** A simulated machine's faults (SPEC AN1–AN3); null when the simulator does not run it. */
  simulatedFaults(id: string): ReturnType<SimulatorSource['faults']> {
    return this.sim?.faults(id) ?? null;
  }

  get storeKind(): string {
    return this.o.store.kind;
  }

  get mqttConnected(): boolean | null {
    return this.mqtt ? this.mqtt.isConnected : null;
  }

  /** The MQTT client's current reconnection backoff, ms (null without MQTT). */
  get mqttBackoffMs(): number | null {
    return this.mqtt ? this.mqtt.backoffMs : null;
  }

  /** Checks without writing: for batches that are taken whole or not at all (HTTP). */
  check(twinId: string, property: string, value: unknown): IngestRefusal | null {
    const twin = this.twins.get(twinId);
    if (!twin) return { code: 'unknown_twin', message: `no twin "${twinId}"` };
    const p = twin.properties.get(property);
    if (!p) return { code: 'unknown_property', message: `${twinId} has no property "${property}"` };
    const problem = checkValue(p, value);
    return problem ? { code: 'invalid_value', message: `${property}: ${problem}` } : null;
  }

  /** The ingest path (SPEC VAL1, VAL2, VAL4): one value for one property, from any source. Null when written. */
  ingest(twinId: string, property: string, value: unknown, ts?: number): IngestRefusal | null {
    const twin = this.twins.get(twinId);
    if (!twin) {
      this.stats.unknownTwin++;
      this.warn(`twin:${twinId}`, { twin: twinId }, 'telemetry for an unknown twin');
      return { code: 'unknown_twin', message: `no twin "${twinId}"` };
    }
    const p = twin.properties.get(property);
    if (!p) {
      this.stats.unknownProperty++;
      this.warn(`prop:${twinId}:${property}`, { twin: twinId, property }, 'telemetry for an unknown property');
      return { code: 'unknown_property', message: `${twinId} has no property "${property}"` };
    }
    const problem = checkValue(p, value);
    if (problem) return this.refuse(twin, p, `${property}: ${problem}`);
    const wall = this.clock.wall();
    const at = ts !== undefined && Number.isFinite(ts) && ts > 0 && ts < wall + MAX_FUTURE_MS ? ts : wall;
    // The owner alone records, so processes sharing a database keep each value once (S4), and it
    // alone tells the others when an alarm is raised or cleared (S5).
    const owner = this.owns(twinId);
    const rec = owner ? this.o.recorder : undefined;
    // Alarm states before the write, to record the transitions it causes.
    const was = owner && (rec || this.cluster) && p.def.alarms.length > 0 ? p.def.alarms.map((a) => twin.alarmOn.get(a.id) ?? false) : null;
    writeValue(twin, p, value, at, this.clock.now());
    this.stats.accepted++;
    if (rec && p.def.numeric && Number.isFinite(p.num)) rec.value(twin.id, p.def.name, at, p.num, p.def.type === 'boolean');
    if (was) this.transitions(rec, twin, p, at, was);
    return null;
  }

  /** The alarms the accepted value raised or cleared: into the history, and told to the other processes (S5). */
  private transitions(rec: TwinRecorder | undefined, twin: LiveTwin, p: LiveProperty, at: number, was: boolean[]): void {
    p.def.alarms.forEach((a, i) => {
      const on = twin.alarmOn.get(a.id) ?? false;
      if (on === was[i]) return;
      const e = { twin: twin.id, alarm: a.id, property: p.def.name, severity: a.severity, message: a.message, value: p.num, at };
      rec?.alarm({ ...e, kind: on ? 'raised' : 'cleared', bySession: '', byName: '' });
      this.cluster?.alarmChanged(twin.id, a.id, on);
    });
  }

  /** Listens to the machines' events (SPEC TW9); returns the function that stops listening. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** An event from a device: checked against its `data` schema, then passed to every listener. */
  event(twin: LiveTwin, name: string, data: unknown): void {
    const def = twin.def.events.get(name);
    if (!def) return;
    const problem = def.check?.(data) ?? null;
    if (problem) {
      this.stats.refused++;
      this.warn(`event:${twin.id}:${name}`, { twin: twin.id, event: name, problem }, 'event data refused');
      return;
    }
    const ts = this.clock.wall();
    for (const l of this.eventListeners) l(twin.id, name, data, ts);
  }

  /**
   * A command from a participant or the HTTP API (authorised by the caller), wherever the machine runs:
   * here when this process owns it, else forwarded to its owner and answered from there (SPEC S4).
   */
  request(twinId: string, action: string, input: unknown, actor: Actor): Promise<InvokeResult> {
    if (!this.twins.has(twinId) || !this.cluster || this.owns(twinId)) return Promise.resolve(this.invoke(twinId, action, input, actor));
    return this.cluster.forward(twinId, action, input, actor);
  }

  /** A command executed here (authorised by the caller). */
  invoke(twinId: string, action: string, input: unknown, actor: Actor): InvokeResult {
    const twin = this.twins.get(twinId);
    if (!twin) return { ok: false, code: 'twin.unknown', detail: twinId };
    return this.commands.invoke(twin, action, input, actor);
  }

  /**
   * Someone acknowledges an active alarm (authorised by the caller, SPEC AK1–AK3, S5): see
   * server/twins/alarmAck.ts.
   */
  acknowledge(twinId: string, alarmId: string, actor: Actor): Promise<AckResult> {
    const twin = this.twins.get(twinId);
    if (!twin) return Promise.resolve({ ok: false, code: 'twin.unknown', detail: twinId });
    return acknowledgeAlarm({ clock: this.clock, cluster: this.cluster, memory: this.o.memory, log: this.log }, twin, alarmId, actor);
  }

  /**
   * An acknowledgement given through another process (kept and audited there, SPEC S5): shown here.
   * An alarm this process has not raised (yet) or that someone here acknowledged first is left alone,
   * and so is a raising newer than the acknowledgement: the news of an acknowledgement of the previous
   * raising can arrive after the alarm cleared and was raised again here.
   */
  applyRemoteAck(twinId: string, alarmId: string, by: { session: string; name: string; at: number }): void {
    const twin = this.twins.get(twinId);
    const alarm = twin?.alarms.get(alarmId);
    if (!twin || !alarm || alarm.ackAt !== 0 || by.at < alarm.since) return;
    showAck(twin, alarm, by);
  }

  /**
   * A command the twin's owner opened or completed (SPEC S4): everyone here sees it, with the set-point
   * it left on its property; once the machine accepted it, this process's shadow model takes it too, so
   * a takeover continues from the same machine state (running, speed, faults).
   */
  applyRemoteCommand(cmd: CommandRecord, desired: DesiredValue | null): void {
    const twin = this.twins.get(cmd.twin);
    if (!twin) return;
    const known = twin.commands.get(cmd.id);
    const finished = cmd.status !== 'pending' && known?.status !== cmd.status;
    this.commands.mirror(twin, cmd);
    const p = desired ? twin.properties.get(desired.property) : undefined;
    if (desired && p && p.desired !== desired.text) {
      p.desired = desired.text;
      p.desiredNum = desired.num ?? Number.NaN;
      p.desiredTolerance = desired.tolerance;
      p.version++;
      twin.version++;
    }
    if (finished && cmd.status === 'acknowledged') {
      if (!(FAULT_ACTIONS as readonly string[]).includes(cmd.action)) twin.operatedAt = cmd.doneAt;
      this.sim?.mirror(twin, cmd);
    }
  }

  private answer(id: string, ok: boolean, reason: string): void {
    if (this.commands.complete(id, ok ? 'acknowledged' : 'refused', ok ? '' : reason || 'refused by the device') && ok)
      for (const twin of this.twins.values()) {
        const cmd = twin.commands.get(id);
        if (cmd && !(FAULT_ACTIONS as readonly string[]).includes(cmd.action)) this.operated(twin.id, this.clock.wall());
      }
  }

  /** The machine was operated at `ts` (ms epoch): what follows is its answer, not an anomaly (SPEC AN6). */
  operated(id: string, ts: number): void {
    const twin = this.twins.get(id);
    if (twin) twin.operatedAt = ts;
  }

  private forward(twin: LiveTwin, route: ActionRoute, cmd: Parameters<MqttSource['send']>[1]): (() => void) | void {
    if (route.kind === 'simulator') {
      if (!this.sim) throw new Error('the simulator is not running');
      this.sim.send(twin, cmd);
    } else if (route.kind === 'mqtt') {
      if (!this.mqtt) throw new Error('MQTT is not configured');
      return this.mqtt.send(route.topic, cmd, this.o.commandTimeoutMs);
    } else {
      postCommand(route.url, cmd, this.o.commandTimeoutMs).then(
        (r) => this.answer(cmd.id, r.ok, r.reason),
        () => undefined, // aborted at the timeout: the command book times it out
      );
    }
  }

  private refuse(twin: LiveTwin, p: LiveProperty, message: string): IngestRefusal {
    this.stats.refused++;
    markRefused(twin, p);
    this.warn(`bad:${twin.id}:${p.def.name}`, { twin: twin.id, property: p.def.name, problem: message }, 'telemetry value refused');
    return { code: 'invalid_value', message };
  }

  private refuseMalformed(twin: LiveTwin, topic: string, why: string): void {
    this.stats.malformed++;
    this.stats.refused++;
    this.warn(`malformed:${topic}`, { twin: twin.id, topic, problem: why }, 'telemetry payload refused');
  }

  private warn(key: string, fields: Record<string, unknown>, msg: string): void {
    const held = this.throttle.take(key, this.clock.now());
    if (held >= 0) this.log.warn({ ...fields, held }, msg);
  }

  /** Marks what has been silent past its `staleAfter` (SPEC Q1); runs every 200 ms, and when a test calls it. */
  checkStale(): void {
    markSilentStale(this.twins.values(), this.clock.now());
  }
}
