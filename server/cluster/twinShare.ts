/**
 * The twins shared by several server processes (REDIS_URL; SPEC S4, S5). Each twin has one owner
 * (twinLeases.ts): it runs the twin's simulator and publishes every step's readings, which the other
 * processes write through their own ingest path — so alarms, trends and anomalies come out the same
 * everywhere — and it executes the twin's commands: a command sent to any other process is forwarded
 * to it, and its answer (accepted, or refused by name) comes back to the sender. Command changes,
 * acknowledgements, journal entries (the activity feed) and notes made on one process are shown by the
 * rooms of all; each is kept once, by the process where it happened (audit, notes and alarm events are
 * in the shared database already).
 *
 * One Redis channel carries it all (Colyseus presence pub/sub, JSON), every message checked on
 * arrival (twinMessages.ts); a malformed one is dropped with one log line.
 */
import { randomUUID } from 'node:crypto';
import type { Presence } from '@colyseus/core';
import type { Redis } from 'ioredis';
import { ERROR_TEXT, type ErrorCode } from '../../shared/protocol/errors.js';
import { check, z } from '../../shared/protocol/validation.js';
import type { Journal } from '../audit/journal.js';
import type { NoteBook } from '../audit/notebook.js';
import type { Logger } from '../log.js';
import type { Actor, InvokeResult } from '../twins/requests.js';
import type { CommandRecord } from '../twins/live.js';
import type { TwinRuntime } from '../twins/runtime.js';
import type { DesiredValue, TwinCluster } from '../twins/twinCluster.js';
import { ClusterMessage } from './twinMessages.js';
import { TwinLeases } from './twinLeases.js';

export interface TwinShareOptions {
  /** Prefix of the Redis keys and channel (REDIS_PREFIX): one per deployment sharing a Redis. */
  prefix: string;
  /** Twin lease, ms (TWIN_LEASE_MS). */
  leaseMs: number;
  /** How long a forwarded command waits for the owner's answer, ms. */
  forwardTimeoutMs: number;
  log: Logger;
}

export interface TwinShare {
  /** This process's id in the leases and messages. */
  readonly self: string;
  readonly leases: TwinLeases;
  stop(): Promise<void>;
}

/** How long an acknowledgement claim is kept (longer than any alarm is expected to stay raised unacknowledged). */
const ACK_CLAIM_MS = 7 * 24 * 3600_000;

/**
 * An alarm as its owner shows it, one hash per alarm: `raisings` (how many times the owner raised it:
 * names each raising alike on every process) and `on` (1 while it stands on the owner, else 0).
 */
const alarmKeyOf = (prefix: string) => (twin: string, alarm: string) => `${prefix}alarm:${twin}:${alarm}`;

/**
 * A new owner tells Redis how the twin's alarms stand here (KEYS[1] the alarm's hash, ARGV[1] '1' or
 * '0', ARGV[2] expiry ms): a standing alarm the previous owner never told (it died first, or ran a
 * version before this hash) becomes a raising of its own; one it left standing that stands no more here
 * is cleared. Atomic, so it cannot count one raising twice.
 */
const TAKE_OVER_ALARM = `
local on = redis.call('HGET', KEYS[1], 'on')
if ARGV[1] == '1' and on ~= '1' then redis.call('HINCRBY', KEYS[1], 'raisings', 1) end
if on ~= ARGV[1] then redis.call('HSET', KEYS[1], 'on', ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

const AckClaim = z.object({ session: z.string(), name: z.string(), at: z.number() });

const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
};

const isErrorCode = (c: string | undefined): c is ErrorCode => c !== undefined && Object.hasOwn(ERROR_TEXT, c);

export async function shareTwins(
  presence: Presence,
  redis: Redis,
  runtime: TwinRuntime,
  journal: Journal,
  notes: NoteBook,
  o: TwinShareOptions,
): Promise<TwinShare> {
  const self = randomUUID();
  const channel = `${o.prefix}twins`;
  const alarmKey = alarmKeyOf(o.prefix);
  const leases = new TwinLeases(
    redis,
    [...runtime.all()].map((t) => t.id),
    { prefix: o.prefix, self, leaseMs: o.leaseMs, log: o.log },
  );
  const waiting = new Map<string, { done: (r: InvokeResult) => void; timer: NodeJS.Timeout }>();

  const publish = (m: ClusterMessage) => {
    // A lost message costs the other processes one reading or one line of their feed, never this
    // process its work: log, do not throw.
    Promise.resolve(presence.publish(channel, m)).catch((err: unknown) =>
      o.log.warn({ kind: m.k, problem: (err as Error).message }, 'could not tell the other processes'),
    );
  };

  const desiredOf = (cmd: CommandRecord): DesiredValue | null => {
    const twin = runtime.get(cmd.twin);
    const sp = twin?.def.actions.get(cmd.action)?.setpoint;
    const p = sp ? twin?.properties.get(sp.property) : undefined;
    if (!p) return null;
    return {
      property: p.def.name,
      text: p.desired,
      num: Number.isFinite(p.desiredNum) ? p.desiredNum : null,
      tolerance: p.desiredTolerance,
    };
  };

  const plain = (c: CommandRecord): CommandRecord => ({
    id: c.id,
    twin: c.twin,
    action: c.action,
    input: c.input,
    inputText: c.inputText,
    by: c.by,
    byName: c.byName,
    space: c.space,
    status: c.status,
    reason: c.reason,
    at: c.at,
    doneAt: c.doneAt,
  });

  const execute = (m: Extract<ClusterMessage, { k: 'invoke' }>) => {
    // Only the owner answers; with no owner right now (taking over), the sender's wait runs out.
    if (!runtime.owns(m.twin)) return;
    const actor: Actor = m.actor;
    const r = runtime.invoke(m.twin, m.action, m.input, actor);
    publish(
      r.ok
        ? { k: 'result', from: self, to: m.from, req: m.req, ok: true, cmd: plain(r.command) }
        : {
            k: 'result',
            from: self,
            to: m.from,
            req: m.req,
            ok: false,
            code: r.code,
            ...(r.detail !== undefined ? { detail: r.detail } : {}),
          },
    );
  };

  const answered = (m: Extract<ClusterMessage, { k: 'result' }>) => {
    if (m.to !== self) return;
    const w = waiting.get(m.req);
    if (!w) return;
    waiting.delete(m.req);
    clearTimeout(w.timer);
    if (m.ok && m.cmd) w.done({ ok: true, command: m.cmd });
    else if (isErrorCode(m.code)) w.done({ ok: false, code: m.code, ...(m.detail !== undefined ? { detail: m.detail } : {}) });
    else w.done({ ok: false, code: 'twin.owner_unreachable', detail: 'the owner answered with an unknown code' });
  };

  const receive = (raw: unknown) => {
    const read = check(ClusterMessage, raw);
    if (!read.ok) {
      o.log.warn({ channel, problems: read.problems }, 'malformed message from another process ignored');
      return;
    }
    const m = read.value;
    if (m.from === self) return;
    switch (m.k) {
      case 'values':
        // Ours now (a takeover raced the owner's last step): our own simulator speaks for it.
        if (runtime.owns(m.twin)) return;
        for (const [k, v] of Object.entries(m.values)) runtime.ingest(m.twin, k, v, m.ts);
        return;
      case 'cmd':
        return runtime.applyRemoteCommand(m.cmd, m.desired);
      case 'invoke':
        return execute(m);
      case 'result':
        return answered(m);
      case 'ack':
        return runtime.applyRemoteAck(m.twin, m.alarm, { session: m.session, name: m.name, at: m.at });
      case 'journal':
        return journal.relay(m.entry, m.announce);
      case 'note':
        return notes.relay(m.note);
    }
  };

  const cluster: TwinCluster = {
    owns: (twin) => leases.owns(twin),
    forward(twin, action, input, actor) {
      const req = randomUUID();
      return new Promise<InvokeResult>((done) => {
        const timer = setTimeout(() => {
          waiting.delete(req);
          o.log.warn({ twin, action }, 'no process running the twin answered a forwarded command');
          done({ ok: false, code: 'twin.owner_unreachable', detail: twin });
        }, o.forwardTimeoutMs);
        waiting.set(req, { done, timer });
        publish({
          k: 'invoke',
          from: self,
          req,
          twin,
          action,
          input,
          actor: { session: actor.session, name: actor.name, space: actor.space },
        });
      });
    },
    readings: (twin, values, ts) => publish({ k: 'values', from: self, twin, ts, values }),
    acknowledged: (twin, a) => publish({ k: 'ack', from: self, twin, alarm: a.id, session: a.ackBy, name: a.ackByName, at: a.ackAt }),
    // The owner keeps each alarm's raisings and whether it stands in Redis (it alone records the
    // `raised` and `cleared` events). One connection, in order: a clear never overtakes its raising.
    alarmChanged(twin, alarm, on) {
      const key = alarmKey(twin, alarm);
      const m = redis.multi();
      if (on) m.hincrby(key, 'raisings', 1);
      // Kept longer than any claim (a count lost after that only names a raising nobody can claim twice).
      m.hset(key, 'on', on ? '1' : '0')
        .pexpire(key, 4 * ACK_CLAIM_MS)
        .exec()
        .catch((err: unknown) => {
          o.log.warn({ twin, alarm, on, problem: (err as Error).message }, 'an alarm raised or cleared could not be told through Redis');
        });
    },
    // One key per raising of the alarm: its id and the owner's count of its raisings, the same on every
    // process. Not the raise time: a process that stamped the raising reading with its own clock (MQTT
    // without a timestamp) would name another key and win a second acknowledgement. Only while the owner
    // shows it standing: a process that heard the reading before the owner would otherwise name the
    // previous raising, and one still showing an alarm the owner cleared would claim the next one. SET
    // NX lets exactly one acknowledgement in; the others read who won.
    async claimAck(twin, alarm, by) {
      const [raisings, on] = await redis.hmget(alarmKey(twin, alarm.id), 'raisings', 'on');
      if (on !== '1' || raisings === null) return null;
      const key = `${o.prefix}ack:${twin}:${alarm.id}:${raisings}`;
      for (let attempt = 0; attempt < 2; attempt++) {
        if ((await redis.set(key, JSON.stringify(by), 'PX', ACK_CLAIM_MS, 'NX')) === 'OK') return { won: true };
        const held = await redis.get(key);
        // Gone between the two calls (expired): claim again.
        if (held === null) continue;
        const read = check(AckClaim, parseJson(held));
        if (!read.ok) throw new Error(`unreadable acknowledgement claim at ${key}: ${read.problems}`);
        return { won: false, by: read.value };
      }
      throw new Error(`acknowledgement claim at ${key} kept vanishing`);
    },
  };

  runtime.commands.onChange = (cmd) => publish({ k: 'cmd', from: self, cmd: plain(cmd), desired: desiredOf(cmd) });
  const stopJournal = journal.onEntry((entry, announce, local) => {
    if (local) publish({ k: 'journal', from: self, announce, entry });
  });
  const stopNotes = notes.onNote((note, local) => {
    if (local) publish({ k: 'note', from: self, note });
  });
  // Each twin this process comes to own: its alarms as they stand here are now the owner's (S5).
  const stopTakeOver = leases.onChange((twinId, mine) => {
    const twin = mine ? runtime.get(twinId) : undefined;
    if (!twin || twin.alarmOn.size === 0) return;
    const p = redis.pipeline();
    for (const [alarm, on] of twin.alarmOn) p.eval(TAKE_OVER_ALARM, 1, alarmKey(twinId, alarm), on ? '1' : '0', String(4 * ACK_CLAIM_MS));
    p.exec().catch((err: unknown) => {
      o.log.warn({ twin: twinId, problem: (err as Error).message }, 'the alarms of a twin taken over could not be told through Redis');
    });
  });
  await presence.subscribe(channel, receive);
  runtime.attachCluster(cluster);
  await leases.start();
  o.log.info({ self, leaseMs: o.leaseMs }, 'sharing twins with the other processes: one owner per twin');

  return {
    self,
    leases,
    async stop() {
      stopTakeOver();
      stopJournal();
      stopNotes();
      runtime.commands.onChange = null;
      for (const [req, w] of waiting) {
        clearTimeout(w.timer);
        w.done({ ok: false, code: 'twin.owner_unreachable', detail: 'this server is stopping' });
        waiting.delete(req);
      }
      await leases.stop();
      await presence.unsubscribe(channel, receive);
    },
  };
}
