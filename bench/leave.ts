/**
 * How long others see a person who left (SPEC L1, E3 "within 1 s"): A leaves with consent, B waits
 * until A's avatar is gone from its state. The server runs in this process, as in the integration
 * tests; the figure is a latency, so it lives here and not in a test's assertion.
 *
 *   npx tsx bench/leave.ts [rounds=40] [patchRateMs=50]
 */
import { Client, type Room } from 'colyseus.js';
import { joinOptions } from '../shared/protocol/messages.js';
import { ROOM_NAME } from '../shared/protocol/version.js';
import type { SpaceState } from '../shared/state/space.js';
import { loadConfig } from '../server/config.js';
import { startTwinverse } from '../server/app.js';
import { createLogger } from '../server/log.js';

const ROUNDS = Number(process.argv[2] ?? 40);
const PATCH_MS = Number(process.argv[3] ?? 50);

const server = await startTwinverse(
  loadConfig({ PORT: '0', HOST: '127.0.0.1', PATCH_RATE_MS: String(PATCH_MS), DATA_DIR: 'memory' }),
  createLogger('silent'),
);
const endpoint = `ws://127.0.0.1:${server.port}`;

async function joinSpace(name: string): Promise<Room<SpaceState>> {
  const room = await new Client(endpoint).joinOrCreate<SpaceState>(
    ROOM_NAME,
    joinOptions({ space: 'bench-leave', name, color: '#336699' }),
  );
  room.onMessage('*', () => undefined);
  await new Promise<void>((resolve) => room.onStateChange.once(() => resolve()));
  return room;
}

const ms: number[] = [];
try {
  const b = await joinSpace('Observer');
  for (let i = 0; i < ROUNDS; i++) {
    const a = await joinSpace(`Leaver ${i}`);
    const id = a.sessionId;
    while (!b.state.avatars.has(id)) await new Promise<void>((resolve) => b.onStateChange.once(() => resolve()));
    const t0 = performance.now();
    await a.leave();
    while (b.state.avatars.has(id)) await new Promise<void>((resolve) => b.onStateChange.once(() => resolve()));
    ms.push(performance.now() - t0);
  }
  await b.leave();
} finally {
  await server.close();
}

ms.sort((x, y) => x - y);
const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!.toFixed(1);
console.log(`leave → gone at another client, ${ROUNDS} rounds, patch every ${PATCH_MS} ms`);
console.log(`  median ${at(0.5)} ms   p95 ${at(0.95)} ms   max ${ms[ms.length - 1]!.toFixed(1)} ms   (SPEC L1/E3 budget: 1000 ms)`);
process.exit(0);
