/**
 * One owner per twin across processes (SPEC S4) and what people do shared between them (S5), on the
 * real Redis: two twin runtimes in this test process stand for two server processes — each with its
 * own Redis connections, journal, notebook and simulator (seeded differently, so a value that came
 * from the wrong simulator would show). Rooms read these runtimes; the rooms across two real
 * processes are in cluster.rooms.test.ts.
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { RedisPresence } from '@colyseus/redis-presence';
import { Redis } from 'ioredis';
import { loadTwinDefinitions } from '../../server/twins/loader.js';
import { TwinRuntime } from '../../server/twins/runtime.js';
import { Store } from '../../server/store/store.js';
import { Journal, type AuditSink } from '../../server/audit/journal.js';
import { NoteBook } from '../../server/audit/notebook.js';
import { shareTwins, type TwinShare } from '../../server/cluster/twinShare.js';
import { TwinLeases } from '../../server/cluster/twinLeases.js';
import type { AuditEntry } from '../../server/store/auditTable.js';
import type { StoredNote } from '../../server/store/notesTable.js';
import { uniqueName } from '../support/services.js';
import { waitFor, waitForAsync } from '../support/wait.js';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/3';
const TWINS = ['pump-1', 'conveyor-1', 'cnc-1'];
const quiet = pino({ level: 'silent' });

interface Node {
  name: string;
  runtime: TwinRuntime;
  journal: Journal;
  notes: NoteBook;
  share: TwinShare;
  /** Its own Redis connection (the one its claims go through). */
  redis: Redis;
  /** Entries other processes recorded, as this one's listeners got them. */
  relayed: AuditEntry[];
  relayedNotes: StoredNote[];
  /** What this process kept: its alarm events and audit entries (the shared database's rows from here). */
  keptEvents: { alarm: string; kind: string; byName: string | null }[];
  keptAudit: AuditEntry[];
  close(): Promise<void>;
}

const open: Node[] = [];

async function node(name: string, prefix: string, seed: number, leaseMs = 1500, simulator = true): Promise<Node> {
  const { twins } = await loadTwinDefinitions(path.resolve('assets/twins'));
  const keptEvents: Node['keptEvents'] = [];
  const keptAudit: AuditEntry[] = [];
  const sink: AuditSink = { recordAudit: (e) => void keptAudit.push(e) };
  const journal = new Journal(sink);
  const runtime = new TwinRuntime(twins, {
    mqttUrl: undefined,
    simulator,
    seed,
    commandTimeoutMs: 5000,
    // Never opened: commands are recorded into its queue only; nothing here reads them back.
    store: new Store({ databaseUrl: undefined, dataDir: undefined, schema: 'unused' }, quiet).commands,
    log: quiet,
    memory: { journal, alarmEvent: (e) => void keptEvents.push({ alarm: e.alarm, kind: e.kind, byName: e.byName }) },
  });
  const notes = new NoteBook({ recordNote: () => undefined }, journal);
  const presence = new RedisPresence(REDIS_URL);
  const redis = new Redis(REDIS_URL);
  const share = await shareTwins(presence, redis, runtime, journal, notes, { prefix, leaseMs, forwardTimeoutMs: 4000, log: quiet });
  runtime.start();
  const relayed: AuditEntry[] = [];
  const relayedNotes: StoredNote[] = [];
  journal.onEntry((e, _announce, local) => void (local ? undefined : relayed.push(e)));
  notes.onNote((n, local) => void (local ? undefined : relayedNotes.push(n)));
  let closed = false;
  const n: Node = {
    name,
    runtime,
    journal,
    notes,
    share,
    redis,
    relayed,
    relayedNotes,
    keptEvents,
    keptAudit,
    async close() {
      if (closed) return;
      closed = true;
      await share.stop();
      await runtime.stop();
      presence.shutdown();
      redis.disconnect();
    },
  };
  open.push(n);
  return n;
}

afterEach(async () => {
  for (const n of open.splice(0)) await n.close();
});

/** The one node owning `twin` (fails the wait while none or both do). */
function ownerOf(twin: string, nodes: Node[]): Node | undefined {
  const owners = nodes.filter((n) => n.runtime.owns(twin));
  return owners.length === 1 ? owners[0] : undefined;
}

async function twoNodes(): Promise<[Node, Node]> {
  const prefix = `${uniqueName('tvcluster')}:`;
  const a = await node('A', prefix, 1);
  const b = await node('B', prefix, 2);
  await waitFor('every twin with exactly one owner', () => TWINS.every((t) => ownerOf(t, [a, b])));
  return [a, b];
}

describe('one owner per twin across processes', () => {
  it('S4: each twin has one owner; the other process shows exactly the values the owner produced', async () => {
    const nodes = await twoNodes();
    for (const twin of TWINS) {
      const owner = ownerOf(twin, nodes)!;
      const other = nodes.find((n) => n !== owner)!;
      const prop = [...owner.runtime.get(twin)!.properties.values()].find((p) => p.history !== null)!.def.name;
      const window = (n: Node) => n.runtime.get(twin)!.properties.get(prop)!.history!.snapshot();
      await waitFor(`${twin}.${prop}: several samples on the other process`, () => window(other).t.length >= 5, 10_000);
      // Theirs first: the owner writes each reading before it publishes it, so mine then holds them all.
      const theirs = window(other);
      const mine = window(owner);
      // Its very first sample is wherever it began listening (a window takes its first reading as it
      // comes); from the second on, both sample the same grid of the clock.
      theirs.t.shift();
      theirs.v.shift();
      const byTime = new Map(mine.t.map((t, i) => [t, mine.v[i]]));
      const shared = theirs.t.filter((t) => byTime.has(t));
      // Every sample the other shows is one the owner made, at the same time with the same value.
      expect(shared.length).toBe(theirs.t.filter((t) => t >= mine.t[0]!).length);
      expect(shared.length).toBeGreaterThan(0);
      for (const t of shared) expect(theirs.v[theirs.t.indexOf(t)]).toBe(byTime.get(t));
    }
  }, 60_000);

  it('S4: a command sent on the other process runs on the owner; its outcome, or its refusal, comes back and both show it', async () => {
    const nodes = await twoNodes();
    const owner = ownerOf('pump-1', nodes)!;
    const other = nodes.find((n) => n !== owner)!;
    const actor = { session: 's-ada', name: 'Ada', space: 'factory' };
    const refused = await other.runtime.request('pump-1', 'setSpeed', { percent: 250 }, actor);
    expect(refused).toMatchObject({ ok: false, code: 'twin.invalid_input' });
    const r = await other.runtime.request('pump-1', 'setSpeed', { percent: 42 }, actor);
    expect(r.ok).toBe(true);
    const id = r.ok ? r.command.id : '';
    for (const n of nodes)
      await waitFor(
        `${n.name}: the command acknowledged`,
        () => n.runtime.get('pump-1')!.commands.get(id)?.status === 'acknowledged',
        10_000,
      );
    // The owner's journal recorded it; the other process's feed got it from there.
    await waitFor('the command in the other feed', () => other.relayed.find((e) => e.kind === 'command' && e.detail.command === id));
    // The machine answered on the owner only: the other's shadow took it, so its speed set-point is the same.
    await waitFor(
      'the speed heads for 42 on both',
      () => nodes.every((n) => Math.abs(n.runtime.get('pump-1')!.properties.get('speed')!.num - 42) < 5),
      30_000,
    );
  }, 60_000);

  it('S5: a fault injected, an alarm acknowledged and a note written through one process show on the other', async () => {
    const nodes = await twoNodes();
    const owner = ownerOf('conveyor-1', nodes)!;
    const other = nodes.find((n) => n !== owner)!;
    const actor = { session: 's-bob', name: 'Bob', space: 'factory' };
    expect((await other.runtime.request('conveyor-1', 'injectFault', { fault: 'jam' }, actor)).ok).toBe(true);
    const jam = (n: Node) => n.runtime.get('conveyor-1')!.alarms.get('jam');
    for (const n of nodes) await waitFor(`${n.name}: the jam alarm`, () => jam(n), 20_000);
    expect(await other.runtime.acknowledge('conveyor-1', 'jam', actor)).toEqual({ ok: true });
    await waitFor('acknowledged on the owner', () => jam(owner)?.ackByName === 'Bob');
    expect(jam(owner)!.ackAt).toBe(jam(other)!.ackAt);
    await waitFor('the ack in the owner feed', () => owner.relayed.find((e) => e.kind === 'alarm_ack' && e.actor.name === 'Bob'));
    const note = other.notes.add('conveyor-1', 'maintenance', 'Belt tension checked', actor);
    await waitFor('the note on the owner', () => owner.relayedNotes.find((n) => n.id === note.id));
    expect(owner.relayedNotes.find((n) => n.id === note.id)).toEqual(note);
  }, 60_000);

  it('S5: two acknowledgements of one alarm on two processes at the same moment: exactly one wins, both show the winner, one event and one audit entry', async () => {
    const nodes = await twoNodes();
    const [a, b] = nodes;
    const ada = { session: 's-ada', name: 'Ada', space: 'factory' };
    const bob = { session: 's-bob', name: 'Bob', space: 'factory' };
    expect((await a.runtime.request('conveyor-1', 'injectFault', { fault: 'jam' }, ada)).ok).toBe(true);
    const jam = (n: Node) => n.runtime.get('conveyor-1')!.alarms.get('jam');
    for (const n of nodes) await waitFor(`${n.name}: the jam alarm`, () => jam(n), 20_000);
    expect(jam(a)!.since).toBe(jam(b)!.since);
    const [ra, rb] = await Promise.all([a.runtime.acknowledge('conveyor-1', 'jam', ada), b.runtime.acknowledge('conveyor-1', 'jam', bob)]);
    const results = [ra, rb];
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = ra.ok ? 'Ada' : 'Bob';
    const lost = results.find((r) => !r.ok);
    expect(lost).toEqual({ ok: false, code: 'twin.alarm_acknowledged', detail: `by ${winner}` });
    // Both processes show the same acknowledgement: who and when.
    for (const n of nodes) await waitFor(`${n.name}: acknowledged by ${winner}`, () => jam(n)?.ackByName === winner);
    expect(jam(a)!.ackAt).toBe(jam(b)!.ackAt);
    expect(jam(a)!.ackBy).toBe(jam(b)!.ackBy);
    // Kept once: one acknowledged event, one audit entry, by the winner's process.
    const events = nodes.flatMap((n) => n.keptEvents).filter((e) => e.alarm === 'jam' && e.kind === 'acknowledged');
    expect(events).toEqual([{ alarm: 'jam', kind: 'acknowledged', byName: winner }]);
    await waitFor('the winning audit entry written', () => nodes.some((n) => n.keptAudit.some((e) => e.kind === 'alarm_ack')));
    expect(
      nodes
        .flatMap((n) => n.keptAudit)
        .filter((e) => e.kind === 'alarm_ack')
        .map((e) => e.actor.name),
    ).toEqual([winner]);
    // A third try anywhere is refused by name too.
    expect(await a.runtime.acknowledge('conveyor-1', 'jam', { ...ada, session: 's-cy', name: 'Cy' })).toEqual({
      ok: false,
      code: 'twin.alarm_acknowledged',
      detail: `by ${winner}`,
    });
  }, 60_000);

  it('S5: two processes that stamped one raising with different times (MQTT without a timestamp) still settle on one acknowledgement', async () => {
    // No simulator: the readings come only from here, as from a device both processes hear on MQTT.
    const prefix = `${uniqueName('tvcluster')}:`;
    const nodes = [await node('A', prefix, 1, 1500, false), await node('B', prefix, 2, 1500, false)];
    await waitFor('every twin with exactly one owner', () => TWINS.every((t) => ownerOf(t, nodes)));
    const [a, b] = nodes as [Node, Node];
    const raisings = async (redis: Redis) => redis.hget(`${prefix}alarm:pump-1:pressureHigh`, 'raisings');
    const owner = ownerOf('pump-1', nodes)!;
    const hot = (n: Node) => n.runtime.get('pump-1')!.alarms.get('pressureHigh');
    // The same reading, stamped by each process's own clock: 7 ms apart.
    const t = Date.now();
    a.runtime.ingest('pump-1', 'outletPressure', 8, t);
    b.runtime.ingest('pump-1', 'outletPressure', 8, t + 7);
    expect(hot(a)!.since).not.toBe(hot(b)!.since);
    // The owner counted the raising in Redis (what a claim names it by).
    const redis = new Redis(REDIS_URL);
    try {
      await waitForAsync('the raising counted', async () => (await raisings(redis)) === '1', 10_000, 20);
    } finally {
      redis.disconnect();
    }
    const ada = { session: 's-ada', name: 'Ada', space: 'factory' };
    const bob = { session: 's-bob', name: 'Bob', space: 'factory' };
    const [ra, rb] = await Promise.all([
      a.runtime.acknowledge('pump-1', 'pressureHigh', ada),
      b.runtime.acknowledge('pump-1', 'pressureHigh', bob),
    ]);
    expect([ra, rb].filter((r) => r.ok)).toHaveLength(1);
    const winner = ra.ok ? 'Ada' : 'Bob';
    for (const n of nodes) await waitFor(`${n.name}: acknowledged by ${winner}`, () => hot(n)?.ackByName === winner);
    const events = nodes.flatMap((n) => n.keptEvents).filter((e) => e.alarm === 'pressureHigh' && e.kind === 'acknowledged');
    expect(events).toEqual([{ alarm: 'pressureHigh', kind: 'acknowledged', byName: winner }]);
    // Cleared and raised again: a new raising, acknowledged anew.
    for (const n of nodes) n.runtime.ingest('pump-1', 'outletPressure', 3, Date.now());
    for (const n of nodes) n.runtime.ingest('pump-1', 'outletPressure', 8, Date.now());
    expect(owner.runtime.get('pump-1')!.alarms.get('pressureHigh')!.ackAt).toBe(0);
    const check = new Redis(REDIS_URL);
    try {
      await waitForAsync('the second raising counted', async () => (await raisings(check)) === '2', 10_000, 20);
    } finally {
      check.disconnect();
    }
    // The news of the first acknowledgement arriving only now (pub/sub can be that late) is about the
    // previous raising: it does not acknowledge this one.
    const first = hot(owner)!;
    b.runtime.applyRemoteAck('pump-1', 'pressureHigh', { session: 's-ada', name: winner, at: first.since - 1 });
    expect(hot(b)!.ackAt).toBe(0);
    expect(await b.runtime.acknowledge('pump-1', 'pressureHigh', { ...bob, session: 's-cy', name: 'Cy' })).toEqual({ ok: true });
  }, 60_000);

  it('S5: a process that heard the raising reading before the owner did and was acknowledged at once, and the owner acknowledged too, settle on one', async () => {
    // No simulator: both hear the machine directly (MQTT), each at its own moment.
    const prefix = `${uniqueName('tvcluster')}:`;
    const nodes = [await node('A', prefix, 1, 1500, false), await node('B', prefix, 2, 1500, false)];
    await waitFor('every twin with exactly one owner', () => TWINS.every((t) => ownerOf(t, nodes)));
    const owner = ownerOf('pump-1', nodes)!;
    const early = nodes.find((n) => n !== owner)!;
    const hot = (n: Node) => n.runtime.get('pump-1')!.alarms.get('pressureHigh');
    const ada = { session: 's-ada', name: 'Ada', space: 'factory' };
    const bob = { session: 's-bob', name: 'Bob', space: 'factory' };
    // The owner raised and cleared it once before: a claim naming "the raising before" finds it free.
    owner.runtime.ingest('pump-1', 'outletPressure', 8, Date.now());
    owner.runtime.ingest('pump-1', 'outletPressure', 3, Date.now());
    await owner.redis.ping();
    // The early process hears the raising reading first, and someone acknowledges there at once; its
    // claim reaches Redis (its connection answered a ping sent after it) before the owner hears it.
    early.runtime.ingest('pump-1', 'outletPressure', 8, Date.now());
    expect(hot(early)).toBeDefined();
    expect(hot(owner)).toBeUndefined();
    const first = early.runtime.acknowledge('pump-1', 'pressureHigh', ada);
    await early.redis.ping();
    owner.runtime.ingest('pump-1', 'outletPressure', 8, Date.now() + 3);
    const second = owner.runtime.acknowledge('pump-1', 'pressureHigh', bob);
    const results = await Promise.all([first, second]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const winner = results[0].ok ? 'Ada' : 'Bob';
    expect(results.find((r) => !r.ok)).toEqual({ ok: false, code: 'twin.alarm_acknowledged', detail: `by ${winner}` });
    for (const n of nodes) await waitFor(`${n.name}: acknowledged by ${winner}`, () => hot(n)?.ackByName === winner);
    const events = nodes.flatMap((n) => n.keptEvents).filter((e) => e.alarm === 'pressureHigh' && e.kind === 'acknowledged');
    expect(events).toEqual([{ alarm: 'pressureHigh', kind: 'acknowledged', byName: winner }]);
    // Cleared and raised again on both, then cleared by the owner first: an acknowledgement through
    // the process still showing it claims no raising (not the next one either) and ends when the clear
    // reaches that process.
    for (const n of nodes) n.runtime.ingest('pump-1', 'outletPressure', 3, Date.now());
    for (const n of nodes) n.runtime.ingest('pump-1', 'outletPressure', 8, Date.now());
    expect(hot(early)!.ackAt).toBe(0);
    owner.runtime.ingest('pump-1', 'outletPressure', 3, Date.now());
    await owner.redis.ping();
    const late = early.runtime.acknowledge('pump-1', 'pressureHigh', { ...ada, session: 's-cy', name: 'Cy' });
    await early.redis.ping();
    early.runtime.ingest('pump-1', 'outletPressure', 3, Date.now());
    expect(await late).toEqual({ ok: false, code: 'twin.unknown_alarm', detail: 'pump-1/pressureHigh' });
    // So the next raising is free for whoever acknowledges it.
    for (const n of nodes) n.runtime.ingest('pump-1', 'outletPressure', 8, Date.now());
    expect(await early.runtime.acknowledge('pump-1', 'pressureHigh', bob)).toEqual({ ok: true });
  }, 60_000);

  it('S5: an alarm standing on the process that takes a twin over, which the previous owner never raised, is acknowledged there', async () => {
    const prefix = `${uniqueName('tvcluster')}:`;
    const nodes = [await node('A', prefix, 1, 1500, false), await node('B', prefix, 2, 1500, false)];
    await waitFor('every twin with exactly one owner', () => TWINS.every((t) => ownerOf(t, nodes)));
    const owner = ownerOf('pump-1', nodes)!;
    const heir = nodes.find((n) => n !== owner)!;
    // Only the heir heard the raising reading; the owner stops before hearing it.
    heir.runtime.ingest('pump-1', 'outletPressure', 8, Date.now());
    await owner.close();
    await waitFor('the heir owns pump-1', () => heir.runtime.owns('pump-1'), 10_000);
    const ada = { session: 's-ada', name: 'Ada', space: 'factory' };
    expect(await heir.runtime.acknowledge('pump-1', 'pressureHigh', ada)).toEqual({ ok: true });
    expect(await heir.redis.hgetall(`${prefix}alarm:pump-1:pressureHigh`)).toEqual({ raisings: '1', on: '1' });
  }, 60_000);

  it('S4: when the owner stops, the other takes its twins over and carries on', async () => {
    const [a, b] = await twoNodes();
    const owner = ownerOf('pump-1', [a, b])!;
    const other = owner === a ? b : a;
    await owner.close();
    await waitFor('the other owns every twin', () => TWINS.every((t) => other.runtime.owns(t)), 10_000);
    const flow = other.runtime.get('pump-1')!.properties.get('flow')!;
    const before = flow.accepted;
    await waitFor('values keep coming from its own simulator', () => flow.accepted >= before + 5, 10_000);
  }, 60_000);
});

describe('twin leases', () => {
  it('S4: an owner cut from Redis stops acting as owner, and another takes over once its lease expires', async () => {
    const prefix = `${uniqueName('tvlease')}:`;
    const ra = new Redis(REDIS_URL);
    const rb = new Redis(REDIS_URL);
    const a = new TwinLeases(ra, TWINS, { prefix, self: 'A', leaseMs: 900, log: quiet });
    const b = new TwinLeases(rb, TWINS, { prefix, self: 'B', leaseMs: 900, log: quiet });
    try {
      await a.start();
      await b.start();
      expect(TWINS.map((t) => [a.owns(t), b.owns(t)])).toEqual(TWINS.map(() => [true, false]));
      const took: string[] = [];
      b.onChange((twin, owned) => void (owned ? took.push(twin) : undefined));
      // A "dies" as far as Redis can tell: its connection goes, its keys stay until they expire.
      ra.disconnect();
      await waitFor('A no longer claims any twin', () => TWINS.every((t) => !a.owns(t)), 10_000);
      await waitFor('B owns every twin', () => TWINS.every((t) => b.owns(t)), 10_000);
      expect(took.sort()).toEqual([...TWINS].sort());
      expect(await rb.get(`${prefix}twin-owner:pump-1`)).toBe('B');
    } finally {
      await a.stop();
      await b.stop();
      ra.disconnect();
      rb.disconnect();
    }
  }, 30_000);
});
