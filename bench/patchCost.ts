/**
 * The client's cost per state patch (not a test): a space with N machines × M properties, every
 * property changing at every patch (20 Hz is the server's patch rate), decoded by the real
 * colyseus.js room code and mirrored into the client's stores by the real sync modules (twins and
 * meeting, through Colyseus' change callbacks) — and, on a second room fed the same patches, by the
 * fingerprint mirroring they replaced, so one run gives both and their ratio. Prints microseconds per
 * patch (decode + mirroring) and the share of one core at 20 Hz. In-process and network-free, so the
 * figure is the client's own work, not the socket's.
 *
 *   npx tsx bench/patchCost.ts [--twins 3] [--props 20] [--patches 4000] [--changing 60]
 */
import { parseArgs } from 'node:util';
import { Decoder, Encoder } from '@colyseus/schema';
import { Room } from 'colyseus.js';
import { ROOM_NAME } from '../shared/protocol/version.js';
import { SpaceState } from '../shared/state/space.js';
import { TwinPropertyState, TwinState } from '../shared/state/twin.js';
import type { SpaceConnection } from '../client/net/connection.js';
import { createStateSync, type StateSync } from '../client/net/stateSync.js';
import { connectTwins } from '../client/twins/sync.js';
import { MeetingNet } from '../client/meeting/sync.js';
import { TwinStore } from '../client/twins/store.js';
import { fingerprintSync, meetingKeySync } from './patchCostBefore.js';

const { values: args } = parseArgs({
  options: {
    twins: { type: 'string', default: '3' },
    props: { type: 'string', default: '20' },
    patches: { type: 'string', default: '4000' },
    /** How many of the N × M properties change at each patch (default: all). */
    changing: { type: 'string' },
  },
});
const N = Number(args.twins);
const M = Number(args.props);
const PATCHES = Math.min(Number(args.patches), 100_000);
const CHANGING = Math.min(Number(args.changing ?? N * M), N * M);
const HZ = 20;

// Server side: the room's state and its encoder, filled as the twins feature fills it.
const server = new SpaceState();
for (let i = 0; i < N; i++) {
  const t = new TwinState();
  t.id = `tw${i}`;
  t.title = `Machine ${i}`;
  t.source = 'simulator';
  t.quality = 'good';
  for (let j = 0; j < M; j++) {
    const p = new TwinPropertyState();
    p.unit = 'bar';
    p.quality = 'good';
    t.properties.set(`p${j}`, p);
  }
  server.twins.set(t.id, t);
}
const encoder = new Encoder(server);

// Client side: colyseus.js rooms fed the bytes the server would send (what `Room` does with
// ROOM_STATE and ROOM_STATE_PATCH frames). "after" has the product's sync modules attached (change
// callbacks); "before" the fingerprint and key mirroring they replaced (bench/patchCostBefore.ts).
// Both decode the same patches in the same run, so their ratio holds whatever the machine's load.
function openRoom(initial: Uint8Array) {
  const room = new Room<SpaceState>(ROOM_NAME, SpaceState);
  const serializer = (
    room as unknown as {
      serializer: {
        decoder: Decoder;
        state: SpaceState;
        setState(b: Uint8Array, it: { offset: number }): void;
        patch(b: Uint8Array, it: { offset: number }): void;
      };
    }
  ).serializer;
  serializer.decoder = new Decoder(serializer.state);
  serializer.setState(initial, { offset: 0 });
  room.onStateChange.invoke(room.state);
  return {
    room,
    apply(patch: Uint8Array) {
      serializer.patch(patch, { offset: 0 });
      room.onStateChange.invoke(room.state);
    },
  };
}

const initial = encoder.encodeAll();
encoder.discardChanges();

const after = openRoom(initial);
// What the connection hands the sync modules once the first state arrived (client/net/stateSync.ts).
const sync = createStateSync(after.room);
const connection = {
  onState(attach: (s: StateSync) => unknown) {
    attach(sync);
    return () => undefined;
  },
  on: () => () => undefined,
  send() {},
} as unknown as SpaceConnection;
const store = new TwinStore();
let puts = 0;
store.onChanged(() => puts++);
connectTwins(connection, store);
const meeting = new MeetingNet(connection);

const before = openRoom(initial);
const beforeStore = new TwinStore();
let beforePuts = 0;
beforeStore.onChanged(() => beforePuts++);
const beforeTwins = fingerprintSync(beforeStore);
const beforeMeeting = meetingKeySync();
before.room.onStateChange((state) => {
  beforeTwins(state);
  beforeMeeting(state);
});
before.room.onStateChange.invoke(before.room.state);

let value = 0;
function step(): Buffer {
  value++;
  const ts = 1_700_000_000_000 + value * 50;
  let left = CHANGING;
  server.twins.forEach((t) =>
    t.properties.forEach((p, k) => {
      if (left-- <= 0) return;
      p.num = value + k.length;
      p.ts = ts;
    }),
  );
  const bytes = Buffer.from(encoder.encode());
  encoder.discardChanges();
  return bytes;
}

// A bare decoder of the same patches, nothing attached: the part of the cost mirroring does not add.
const bare = new Decoder(new SpaceState());
bare.decode(initial);

interface Round {
  after: number;
  before: number;
  bare: number;
  bytes: number;
}

function run(count: number): Round {
  const sum = { after: 0, before: 0, bare: 0, bytes: 0 };
  const time = (f: () => void) => {
    const t0 = performance.now();
    f();
    return (performance.now() - t0) * 1000;
  };
  for (let i = 0; i < count; i++) {
    const patch = step();
    sum.bytes += patch.byteLength;
    // Alternate which goes first, so neither always meets a warm or a cold cache.
    if (i % 2 === 0) {
      sum.after += time(() => after.apply(patch));
      sum.before += time(() => before.apply(patch));
    } else {
      sum.before += time(() => before.apply(patch));
      sum.after += time(() => after.apply(patch));
    }
    sum.bare += time(() => bare.decode(patch));
  }
  return { after: sum.after / count, before: sum.before / count, bare: sum.bare / count, bytes: sum.bytes / count };
}

run(Math.min(500, PATCHES)); // warm-up: let the JIT settle
puts = 0;
beforePuts = 0;
// Five rounds, medians reported: the machine is shared, one round can be slowed by a neighbour.
const ROUNDS = 5;
const rounds = Array.from({ length: ROUNDS }, () => run(Math.ceil(PATCHES / ROUNDS)));
const median = (k: keyof Round) => rounds.map((r) => r[k]).sort((a, b) => a - b)[2]!;
const ratios = rounds.map((r) => (r.before - r.bare) / Math.max(r.after - r.bare, 0.01)).sort((a, b) => a - b);
const patches = ROUNDS * Math.ceil(PATCHES / ROUNDS);
if (puts === 0) throw new Error('the twin store saw no change: the bench measures nothing');
if (puts !== beforePuts) throw new Error(`before and after disagree on store updates (${beforePuts} ≠ ${puts})`);
const check = store.twins.get('tw0')?.properties.get('p0')?.num;
if (check !== value + 2) throw new Error(`the twin store is behind the state (${check} ≠ ${value + 2})`);
if (beforeStore.twins.get('tw0')?.properties.get('p0')?.num !== check) throw new Error('the "before" store is behind the state');
meeting.dispose();
const fmt = (k: keyof Round) => `${median(k).toFixed(1)} µs (${((median(k) * HZ) / 10_000).toFixed(3)} % of a core at ${HZ} Hz)`;
console.log(
  `${N} twins × ${M} properties, ${CHANGING} changing each patch, ${patches} patches, ${median('bytes').toFixed(0)} B per patch; ` +
    `per patch on the client (decode + mirror), median of ${ROUNDS} rounds: after ${fmt('after')}, before ${fmt('before')}, ` +
    `decode alone ${median('bare').toFixed(1)} µs; mirroring before ÷ after (each minus decode alone) ${ratios[2]!.toFixed(1)}× ` +
    `(rounds ${ratios[0]!.toFixed(1)}–${ratios[ROUNDS - 1]!.toFixed(1)}); twin store updates per patch ${(puts / patches).toFixed(1)}`,
);
