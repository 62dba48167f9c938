/**
 * Commands to machines (SPEC CMD1–CMD7): checked (action exists, input fits its schema, a route to
 * the device exists, not too many waiting), recorded, forwarded, then completed exactly once by the
 * device's answer or by the timeout. Everyone sees the pending command and its outcome through the
 * twin's state; set-point actions show the desired value on their property until it is reached.
 */
import { randomUUID } from 'node:crypto';
import type { CommandStatus } from '../../shared/twin/data.js';
import type { Logger } from '../log.js';
import type { CommandStore } from '../store/commandStore.js';
import type { Journal } from '../audit/journal.js';
import type { ActionRoute } from './bindings.js';
import type { CommandRecord, LiveTwin } from './live.js';
import { numberInput } from './simulator/model.js';
import { FAULT_ACTIONS } from './simulator/faults.js';
import type { Actor, InvokeResult } from './requests.js';

/** Most commands one twin may have waiting for an answer. */
export const MAX_PENDING = 4;
/** How much older than the timeout a pending command must be before it is declared lost, ms. */
const LOST_MARGIN_MS = 2000;
/** Finished commands kept visible per twin. */
export const RECENT_KEPT = 5;
/** Timed-out command ids remembered, so a device's late answer to one is named in the log (HD9). */
const EXPIRED_KEPT = 1000;

/**
 * Forwards a command to the device; the answer comes back through {@link CommandBook.complete}. May
 * return a function that withdraws it from a queue when it times out, so it never acts later (HD9).
 */
export type CommandSender = (twin: LiveTwin, route: ActionRoute, cmd: CommandRecord) => (() => void) | void;

/** Thrown by a sender that did not send at all (e.g. the broker is down): the command times out at once. */
export class NotSent extends Error {}

interface OpenCommand {
  twin: LiveTwin;
  /** Stops the timeout timer. */
  cancel: () => void;
  /** Takes it back from the sender's queue, if the sender queues (MQTT). */
  withdraw: (() => void) | null;
  desiredProperty: string | null;
}

export class CommandBook {
  private readonly open = new Map<string, OpenCommand>();
  lateAnswers = 0;
  /** Answers to commands this process timed out (a subset of {@link lateAnswers}). */
  expiredAnswers = 0;
  /** Ids this process timed out, oldest first (bounded); each is forgotten at its first late answer. */
  private readonly expired = new Set<string>();
  private sweepTimer: NodeJS.Timeout | null = null;
  /** Told of each command this book opens or completes (the cluster share passes them on, SPEC S4). */
  onChange: ((cmd: CommandRecord) => void) | null = null;

  constructor(
    private readonly store: CommandStore,
    private readonly send: CommandSender,
    private readonly timeoutMs: number,
    private readonly log: Logger,
    private readonly routes: (twin: LiveTwin) => ReadonlyMap<string, ActionRoute>,
    /** Where each command and its outcome are audited (SPEC AU1); none in unit tests. */
    private readonly journal?: Journal,
  ) {}

  invoke(twin: LiveTwin, action: string, input: unknown, actor: Actor): InvokeResult {
    const def = twin.def.actions.get(action);
    if (!def) return { ok: false, code: 'twin.unknown_action', detail: `"${action}" on ${twin.id}` };
    if (def.check) {
      const problem = def.check(input);
      if (problem) return { ok: false, code: 'twin.invalid_input', detail: problem.replace(/^value/, 'input') };
    } else if (input !== undefined) return { ok: false, code: 'twin.invalid_input', detail: `${action} takes no input` };
    const route = this.routes(twin).get(action);
    if (!route) return { ok: false, code: 'twin.unbound_action', detail: twin.notes.find((n) => n.includes(`action ${action}`)) ?? action };
    let pending = 0;
    for (const c of twin.commands.values()) if (c.status === 'pending') pending++;
    if (pending >= MAX_PENDING) return { ok: false, code: 'twin.busy', detail: `${pending} waiting` };

    const cmd: CommandRecord = {
      id: randomUUID(),
      twin: twin.id,
      action,
      input,
      inputText: input === undefined ? '' : JSON.stringify(input),
      by: actor.session,
      byName: actor.name,
      space: actor.space,
      status: 'pending',
      reason: '',
      at: Date.now(),
      doneAt: 0,
    };
    twin.commands.set(cmd.id, cmd);
    let desiredProperty: string | null = null;
    const sp = def.setpoint;
    if (sp) {
      const target = sp.field ? numberInput(input, sp.field) : numberInput(input, '');
      const prop = twin.properties.get(sp.property);
      if (target !== null && prop) {
        prop.desired = JSON.stringify(target);
        prop.desiredNum = target;
        prop.desiredTolerance = sp.tolerance;
        prop.version++;
        desiredProperty = prop.def.name;
      }
    }
    this.bump(twin);
    this.onChange?.(cmd);
    const timer = setTimeout(
      () => this.complete(cmd.id, 'timed_out', `no answer from the device within ${this.timeoutMs / 1000} s`),
      this.timeoutMs,
    );
    const entry: OpenCommand = { twin, cancel: () => clearTimeout(timer), withdraw: null, desiredProperty };
    this.open.set(cmd.id, entry);
    this.store.record({
      id: cmd.id,
      twin: cmd.twin,
      action,
      input,
      bySession: actor.session,
      byName: actor.name,
      space: actor.space,
      status: 'pending',
      reason: '',
      at: cmd.at,
      doneAt: null,
    });
    this.log.info({ command: cmd.id, twin: twin.id, action, by: actor.name, space: actor.space, route: route.kind }, 'command sent');
    this.journal?.record({
      space: actor.space,
      twin: twin.id,
      kind: (FAULT_ACTIONS as readonly string[]).includes(action) ? 'fault' : 'command',
      actor: { session: actor.session, name: actor.name },
      subject: def.title,
      detail: { command: cmd.id, action, ...(input === undefined ? {} : { input }) },
    });
    try {
      entry.withdraw = this.send(twin, route, cmd) ?? null;
    } catch (err) {
      // Not sent means it can never act: tell everyone now rather than after the timeout.
      if (err instanceof NotSent) this.complete(cmd.id, 'timed_out', err.message);
      else this.complete(cmd.id, 'refused', `could not reach the device: ${(err as Error).message}`);
    }
    return { ok: true, command: cmd };
  }

  /** The device's answer (or the timeout). Answers to unknown or finished commands are counted and ignored. */
  complete(id: string, status: Exclude<CommandStatus, 'pending'>, reason = ''): boolean {
    const entry = this.open.get(id);
    if (!entry) {
      this.lateAnswers++;
      if (this.expired.delete(id)) {
        // The device acted (or says so) after everyone was told it timed out: worth one line.
        this.expiredAnswers++;
        this.log.warn({ command: id, status }, 'answer to a command that already timed out; ignored');
        return false;
      }
      // Debug, not warn: with several server processes every process hears every acknowledgement.
      this.log.debug(
        { command: id, status },
        'answer to a command that is not pending here (late, repeated, unknown or another process’s)',
      );
      return false;
    }
    this.open.delete(id);
    entry.cancel();
    if (status === 'timed_out') {
      entry.withdraw?.();
      this.expired.add(id);
      if (this.expired.size > EXPIRED_KEPT) this.expired.delete(this.expired.values().next().value as string);
    }
    const { twin } = entry;
    const cmd = twin.commands.get(id);
    if (!cmd) return false;
    cmd.status = status;
    cmd.reason = reason.slice(0, 200);
    cmd.doneAt = Date.now();
    if (entry.desiredProperty) {
      const prop = twin.properties.get(entry.desiredProperty);
      // A refused or unanswered set-point is not what the machine is heading for; an acknowledged one
      // stays visible until the reported value reaches it.
      if (prop && prop.desired !== '' && (status !== 'acknowledged' || Math.abs(prop.num - prop.desiredNum) <= prop.desiredTolerance)) {
        prop.desired = '';
        prop.version++;
      }
    }
    this.trim(twin);
    this.bump(twin);
    this.onChange?.(cmd);
    this.store.complete(id, status, cmd.reason, cmd.doneAt);
    this.journal?.note({
      space: cmd.space,
      twin: twin.id,
      kind: 'command_result',
      actor: { session: cmd.by, name: cmd.byName },
      subject: twin.def.actions.get(cmd.action)?.title ?? cmd.action,
      detail: { command: id, action: cmd.action, status, ...(cmd.reason ? { reason: cmd.reason } : {}) },
    });
    this.log.info({ command: id, twin: twin.id, action: cmd.action, status, reason: cmd.reason || undefined }, 'command finished');
    return true;
  }

  /** Recorded commands to a twin, newest first (from the store, so across restarts). */
  recentFromStore(twin: string, limit: number): ReturnType<CommandStore['recent']> {
    return this.store.recent(twin, limit);
  }

  /**
   * Starts reconciling: commands left pending by a server that is gone (SIGKILL, crash, another
   * process) become `lost` once older than the timeout, at start-up and then periodically (SPEC ST4).
   * Any live server has timed out its own by then, so processes sharing a database agree.
   */
  start(): void {
    const sweep = () => this.store.reconcileLost(this.timeoutMs + LOST_MARGIN_MS);
    sweep();
    this.sweepTimer = setInterval(sweep, Math.min(Math.max(this.timeoutMs, 1000), 60_000));
  }

  /** Shutdown: every command still waiting is recorded `aborted` (SPEC ST4), and timers stop. */
  stop(): void {
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    const now = Date.now();
    for (const [id, e] of this.open) {
      e.cancel();
      this.store.complete(id, 'aborted', 'the server stopped before the device answered', now);
      this.log.info({ command: id, twin: e.twin.id }, 'command aborted at shutdown');
    }
    this.open.clear();
  }

  /**
   * A command another process (the twin's owner) opened or completed, as everyone sees it (SPEC S4):
   * copied into this process's twin, nothing sent or recorded (the owner does both).
   */
  mirror(twin: LiveTwin, cmd: CommandRecord): void {
    twin.commands.set(cmd.id, cmd);
    this.trim(twin);
    this.bump(twin);
  }

  private trim(twin: LiveTwin): void {
    let finished = 0;
    for (const c of twin.commands.values()) if (c.status !== 'pending') finished++;
    for (const [id, c] of twin.commands) {
      if (finished <= RECENT_KEPT) break;
      if (c.status !== 'pending') {
        twin.commands.delete(id);
        finished--;
      }
    }
  }

  private bump(twin: LiveTwin): void {
    twin.commandsVersion++;
    twin.version++;
  }
}
