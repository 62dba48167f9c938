/**
 * The client's cost per state patch (not a test): a space with N machines × M properties, every
 * property changing at every patch (20 Hz is the server's patch rate), decoded by the real
 * colyseus.js room code and mirrored into the client's stores by the real net modules (twins and
 * meeting). Prints microseconds per patch (decode + mirroring) and the share of one core at 20 Hz.
 * In-process and network-free, so the figure is the client's own work, not the socket's.
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

// Client side: a colyseus.js room fed the bytes the server would send (what `Room` does with
// ROOM_STATE and ROOM_STATE_PATCH frames), with the net modules attached to it.
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
serializer.setState(encoder.encodeAll(), { offset: 0 });
encoder.discardChanges();
room.onStateChange.invoke(room.state);
// What the connection hands the sync modules once the first state arrived (client/net/stateSync.ts).
const sync = createStateSync(room);
const connection = {
  onState(attach: (s: StateSync) => unknown) {
    attach(sync);
    return () => undefined;
  },
  send() {},
} as unknown as SpaceConnection;
const store = new TwinStore();
let puts = 0;
store.onChanged(() => puts++);
connectTwins(connection, store);
const meeting = new MeetingNet(connection);

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
bare.decode(encoder.encodeAll());

function run(count: number): { micros: number; bareMicros: number; bytes: number } {
  let micros = 0;
  let bareMicros = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const patch = step();
    bytes += patch.byteLength;
    const t0 = performance.now();
    serializer.patch(patch, { offset: 0 });
    room.onStateChange.invoke(room.state);
    const t1 = performance.now();
    bare.decode(patch);
    micros += (t1 - t0) * 1000;
    bareMicros += (performance.now() - t1) * 1000;
  }
  return { micros: micros / count, bareMicros: bareMicros / count, bytes: bytes / count };
}

run(Math.min(500, PATCHES)); // warm-up: let the JIT settle
puts = 0;
// Five rounds, the median reported: the machine is shared, one round can be slowed by a neighbour.
const rounds = Array.from({ length: 5 }, () => run(Math.ceil(PATCHES / 5))).sort((a, b) => a.micros - b.micros);
const { micros, bytes } = rounds[2]!;
const bareMicros = [...rounds].sort((a, b) => a.bareMicros - b.bareMicros)[2]!.bareMicros;
if (puts === 0) throw new Error('the twin store saw no change: the bench measures nothing');
const check = store.twins.get('tw0')?.properties.get('p0')?.num;
if (check !== value + 2) throw new Error(`the twin store is behind the state (${check} ≠ ${value + 2})`);
meeting.dispose();
console.log(
  `${N} twins × ${M} properties, ${CHANGING} changing each patch, ${PATCHES} patches: ` +
    `${micros.toFixed(1)} µs per patch (median of 5 rounds; ${rounds[0]!.micros.toFixed(0)}–${rounds[4]!.micros.toFixed(0)}) on the client (decode + mirror; decode alone ${bareMicros.toFixed(1)} µs), ${bytes.toFixed(0)} B per patch, ` +
    `${((micros * HZ) / 10_000).toFixed(2)} % of one core at ${HZ} Hz; twin store updates per patch ${(puts / (5 * Math.ceil(PATCHES / 5))).toFixed(1)}`,
);
