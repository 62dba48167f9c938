/**
 * Replay benchmark (not a test; SPEC RP1–RP4, issue 11): an hour of history for the factory's three
 * machines (every recorded property at 10 Hz, written through the runtime's ingest path and the
 * history recorder, as the server records it) in PostgreSQL, then a host scrubs through that hour
 * with `timeline.seek`: twelve seeks forward every five minutes, then six jumps back and forth.
 * For each seek it prints the time from sending the seek to the first patch in which every machine
 * shows the replayed time (time to first frame) and the bytes that client received on its socket
 * until then. Then 10 s of play at 60×: bytes per second down. Loopback only; bounded.
 *
 *   npx tsx bench/replay.ts [--database postgres://…]
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Client, type Room } from 'colyseus.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { ROOM_NAME } from '../shared/protocol/version.js';
import type { SpaceState } from '../shared/state/space.js';
import { startTwinverse } from '../server/app.js';
import { loadConfig } from '../server/config.js';
import { createLogger } from '../server/log.js';

const { values: args } = parseArgs({
  options: { database: { type: 'string', default: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test' } },
});
const HOUR_MS = 3_600_000;
const HZ = 10;
const TWINS = ['pump-1', 'conveyor-1', 'cnc-1'];
const schema = `bench_replay_${process.pid}`;

const server = await startTwinverse(
  loadConfig({ PORT: '0', HOST: '127.0.0.1', DATABASE_URL: args.database, DATABASE_SCHEMA: schema, SIMULATOR: 'off', LOG_LEVEL: 'warn' }),
  createLogger('warn'),
);
try {
  await server.store.opened();
  // One whole hour, ending ten minutes ago, every recorded property of the three machines at 10 Hz.
  const end = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
  const start = end - HOUR_MS;
  const props = TWINS.flatMap((id) =>
    [...server.twins.get(id)!.properties.values()]
      .filter((p) => p.def.numeric || p.def.type === 'boolean')
      .map((p) => {
        const schema = p.def.schema as { minimum?: number; maximum?: number };
        return { id, name: p.def.name, boolean: p.def.type === 'boolean', min: schema.minimum ?? 0, max: schema.maximum ?? 100 };
      }),
  );
  let written = 0;
  const t0 = performance.now();
  for (let t = start; t < end; t += 1000 / HZ) {
    for (const p of props) {
      const phase = (t - start) / 600_000;
      const v = p.boolean ? Math.sin(phase) > 0 : p.min + ((p.max - p.min) * (1 + Math.sin(phase + p.name.length))) / 2;
      if (server.twins.ingest(p.id, p.name, v, t) === null) written++;
    }
    if ((t - start) % 60_000 === 0) {
      server.history!.flush();
      await server.store.drained();
    }
  }
  server.history!.flush(true);
  await server.store.drained();
  console.log(
    `seeded ${written.toLocaleString()} values (${props.length} properties × 1 h × ${HZ} Hz) in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  const room: Room<SpaceState> = await new Client(`ws://127.0.0.1:${server.port}`).joinOrCreate(
    ROOM_NAME,
    joinOptions({ space: 'bench-replay', name: 'Host', color: '#2e86de' }),
  );
  // Activity lines (the seeks' audit) are counted in the bytes, not read.
  room.onMessage('*', () => undefined);
  let bytes = 0;
  const ws = (room.connection as unknown as { transport: { ws: { on(e: string, cb: (d: Buffer) => void): void } } }).transport.ws;
  ws.on('message', (d: Buffer) => void (bytes += d.byteLength));
  await new Promise<void>((r) => room.onStateChange.once(() => r()));

  /** Every machine shows a value recorded within a second before `at`: the replayed time is on screen. */
  const showing = (at: number) =>
    room.state.timeline.mode === 'replay' &&
    TWINS.every((id) => {
      const ts = room.state.twins.get(id)?.properties.get(props.find((p) => p.id === id)!.name)?.ts ?? 0;
      return ts <= at && ts > at - 1000;
    });
  const seek = async (at: number): Promise<{ ms: number; bytes: number }> => {
    const b0 = bytes;
    const s0 = performance.now();
    const shown = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`seek to ${new Date(at).toISOString()} not shown within 30 s`)), 30_000);
      const check = () => {
        if (!showing(at)) return;
        clearTimeout(timer);
        room.onStateChange.remove(check);
        resolve();
      };
      room.onStateChange(check);
    });
    room.send('timeline.seek', { at });
    await shown;
    return { ms: performance.now() - s0, bytes: bytes - b0 };
  };
  const rows: { what: string; ms: number; bytes: number }[] = [];
  for (let i = 0; i < 12; i++) {
    const at = start + i * 5 * 60_000 + 30_000;
    rows.push({ what: `forward +${i * 5} min`, ...(await seek(at)) });
  }
  for (const [i, frac] of [0.9, 0.1, 0.75, 0.25, 0.6, 0.4].entries()) {
    const at = start + Math.round(HOUR_MS * frac);
    rows.push({ what: `jump ${i + 1} → ${Math.round(frac * 60)} min`, ...(await seek(at)) });
  }
  console.log('\nseek                 first frame   bytes down until then');
  for (const r of rows) console.log(`${r.what.padEnd(20)} ${r.ms.toFixed(0).padStart(8)} ms   ${r.bytes.toLocaleString().padStart(10)}`);
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  console.log(`median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} ms, max ${sorted[sorted.length - 1]!.toFixed(0)} ms`);

  // Play at 60× for 10 s from the start of the hour: a minute of machine time every second.
  await seek(start + 1000);
  const b0 = bytes;
  const p0 = performance.now();
  room.send('timeline.play', { speed: 60 });
  await new Promise<void>((r) => setTimeout(r, 10_000));
  const secs = (performance.now() - p0) / 1000;
  console.log(
    `\nplay at 60×: ${((bytes - b0) / secs / 1024).toFixed(1)} KB/s down (${(bytes - b0).toLocaleString()} B in ${secs.toFixed(1)} s)`,
  );
  await room.leave();
} finally {
  await server.close();
  const db = new pg.Client({ connectionString: args.database });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
}
