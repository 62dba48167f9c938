/**
 * Two real server processes sharing Redis and one PostgreSQL, each holding a room of its own (SPEC
 * S4, S5): both rooms show the same readings at the same timestamps; an alarm acknowledged, a note
 * written and the activity line in a room on one process reach the room on the other; when the
 * process that runs the pump is killed, the other takes it over and the pump's values carry on.
 * The Redis database and key prefix are this run's own, so other test runs' processes never host
 * these rooms nor hear these channels.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActivityMessage } from '../../shared/protocol/activity.js';
import type { TwinNoteAddedMessage } from '../../shared/protocol/twinMemory.js';
import { freePort, killAll, startChild, type ChildServer } from '../support/childServer.js';
import { member, type Member } from '../support/inbox.js';
import { DATABASE_URL, requireService, uniqueName, requireRedis } from '../support/services.js';
import { waitFor, waitForAsync } from '../support/wait.js';
import { dropSchema } from '../support/stores.js';

/** A Redis database the other integration tests do not use (they use 3): Colyseus' process list lives there. */
const REDIS_URL = process.env.TEST_CLUSTER_REDIS_URL ?? 'redis://127.0.0.1:6379/11';
const INGEST_TOKEN = 'cluster-rooms-ingest-token-0123';
const schema = uniqueName('tvcluster').toLowerCase();
const prefix = `${uniqueName('tvcluster')}:`;
let servers: ChildServer[] = [];

async function start(): Promise<ChildServer> {
  const port = await freePort();
  return startChild(
    {
      REDIS_URL,
      REDIS_PREFIX: prefix,
      PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      DATABASE_URL,
      DATABASE_SCHEMA: schema,
      INGEST_TOKEN,
      TWIN_LEASE_MS: '1500',
      SIM_SEED: String(port),
    },
    port,
  );
}

const rooms = async (s: ChildServer) => ((await (await fetch(`${s.base}/health`)).json()) as { rooms: number }).rooms;
const runsHere = async (s: ChildServer, twin: string) =>
  ((await (await fetch(`${s.base}/api/twins/${twin}`)).json()) as { runsHere: boolean }).runsHere;

/** Joins spaces through either process until each process holds a room with one member in it. */
async function oneRoomEach(): Promise<Member[]> {
  const byServer = new Map<ChildServer, Member>();
  // The matchmaker places a new room on the process with the fewest rooms by the stats each process
  // writes to Redis; with the machine busy a stale count can send several in a row to one process.
  for (let i = 0; i < 40 && byServer.size < 2; i++) {
    const before = await Promise.all(servers.map(rooms));
    const m = await member(servers[0]!.endpoint, { space: uniqueName('cluster'), name: `Person ${i}` });
    const after = await Promise.all(servers.map(rooms));
    const host = servers.find((_, k) => after[k]! > before[k]!);
    if (host && !byServer.has(host)) byServer.set(host, m);
    else await m.room.leave();
  }
  expect(byServer.size).toBe(2);
  return servers.map((s) => byServer.get(s)!);
}

beforeAll(async () => {
  await requireService('postgres');
  await requireRedis(REDIS_URL);
  // One first, so it creates the schema alone; then the second.
  servers = [await start()];
  servers.push(await start());
}, 600_000);

afterAll(async () => {
  killAll();
  await dropSchema(schema);
});

describe('rooms on two processes', () => {
  it('S4 S5: same readings in both rooms; an ack, a note and the activity line cross between them; the owner killed, the other carries on', async () => {
    const [a, b] = await oneRoomEach();
    // Same readings: every timestamp both rooms saw carries the same value.
    const seen = [new Map<number, number>(), new Map<number, number>()];
    [a!, b!].forEach((m, i) =>
      m.room.onStateChange(() => {
        const p = m.room.state.twins.get('pump-1')?.properties.get('flow');
        if (p && p.ts > 0) seen[i]!.set(p.ts, p.num);
      }),
    );
    const common = () => [...seen[0]!.keys()].filter((t) => seen[1]!.has(t));
    await waitFor('five readings seen in both rooms', () => common().length >= 5, 20_000);
    for (const t of common()) expect(seen[1]!.get(t)).toBe(seen[0]!.get(t));

    // A jam started over HTTP through one process, acknowledged in the room on the other.
    const jam = await fetch(`${servers[1]!.base}/api/twins/conveyor-1/faults`, {
      method: 'POST',
      headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ fault: 'jam' }),
    });
    expect(jam.status).toBe(202);
    const alarm = (m: Member) => m.room.state.twins.get('conveyor-1')?.alarms.get('jam');
    await waitFor('the jam in both rooms', () => alarm(a!) && alarm(b!), 20_000);
    const aName = a!.room.state.avatars.get(a!.id)!.name;
    a!.room.send('twin.alarm_ack', { twin: 'conveyor-1', alarm: 'jam' });
    await waitFor('acknowledged in the other room', () => alarm(b!)?.ackByName === aName);
    await waitFor('acknowledged in its own room', () => alarm(a!)?.ackByName === aName);
    expect(alarm(b!)!.ackAt).toBe(alarm(a!)!.ackAt);
    const line = await waitFor('the ack in the other feed', () => b!.of<ActivityMessage>('activity').find((x) => x.kind === 'alarm_ack'));
    expect(line).toMatchObject({ twin: 'conveyor-1', actor: aName });
    b!.room.send('twin.note', { twin: 'conveyor-1', kind: 'maintenance', text: 'Belt cleared and checked' });
    const note = await a!.next<TwinNoteAddedMessage>('twin.note_added', 1, 10_000);
    expect(note.note).toMatchObject({ kind: 'maintenance', text: 'Belt cleared and checked' });
    expect(a!.errors).toEqual([]);
    expect(b!.errors).toEqual([]);

    // The process running the pump dies; the other takes it over and the pump's readings go on.
    const owner = (await runsHere(servers[0]!, 'pump-1')) ? 0 : 1;
    const survivor = servers[1 - owner]!;
    const watcher = [a!, b!][1 - owner]!;
    expect(await runsHere(survivor, 'pump-1')).toBe(false);
    servers[owner]!.child.kill('SIGKILL');
    await servers[owner]!.exited;
    const killedAt = Date.now();
    await waitForAsync('the survivor runs the pump', () => runsHere(survivor, 'pump-1'), 15_000, 100);
    await waitFor(
      'fresh pump readings in the surviving room',
      () => (watcher.room.state.twins.get('pump-1')?.properties.get('flow')?.ts ?? 0) > killedAt,
      15_000,
    );
  }, 180_000);
});
