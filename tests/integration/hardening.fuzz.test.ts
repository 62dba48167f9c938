/**
 * Proof against hostile clients (issue 10): over 20,000 generated hostile messages of every kind —
 * known and made-up types with arbitrary payloads, raw frames of random bytes, binary poses of random
 * bytes — from many sessions at a real server, while a good client moves and chats. The server must
 * not crash, every refusal must carry a known code, every closed attacker a known close code, and the
 * good client's pose and chat must arrive intact. Bounded: fixed seed, fixed counts, well under 60 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ERROR_TEXT } from '../../shared/protocol/errors.js';
import { ClientMessages } from '../../shared/protocol/table.js';

import { type ChatLine } from '../../shared/protocol/chat.js';
import { createPose, encodePose, POSE_BYTES } from '../../shared/protocol/pose.js';
import { restPose } from '../../shared/space/spawn.js';
import { CloseCode } from '../../shared/protocol/version.js';
import { member } from '../support/inbox.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { waitFor } from '../support/wait.js';

const TOTAL = 20_000;
const PER_SESSION = 150;
const ATTACKERS_AT_ONCE = 4;

type Hostile =
  | { kind: 'json'; type: string; payload: unknown }
  | { kind: 'bytes'; type: string; bytes: Uint8Array }
  | { kind: 'raw'; frame: Uint8Array };

const names = [...Object.keys(ClientMessages), 'pose'];
const typeName = fc.oneof(
  fc.constantFrom(...names),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('__no_message_handler', '__proto__', 'constructor', '*'),
);
const hostile: fc.Arbitrary<Hostile> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('json' as const), type: typeName, payload: fc.anything({ maxDepth: 4, maxKeys: 6 }) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant('bytes' as const), type: typeName, bytes: fc.uint8Array({ maxLength: POSE_BYTES * 2 }) }),
  },
  // Frames that claim to be room data (13) or room bytes (17), then anything.
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(13, 17), fc.uint8Array({ maxLength: 200 }))
      .map(([code, rest]) => ({ kind: 'raw' as const, frame: new Uint8Array([code, ...rest]) })),
  },
);

let server: LoggedServer;

beforeAll(async () => {
  server = await startLoggedServer();
});
afterAll(async () => {
  await server?.close();
});

async function attack(messages: Hostile[], refusals: string[], closes: number[]): Promise<void> {
  const m = await member(server.endpoint, { space: 'fuzz', name: 'Mallory' });
  const conn = m.room.connection as unknown as { send(data: Uint8Array): void };
  for (const h of messages) {
    if (m.closed !== null) break;
    try {
      if (h.kind === 'json') m.room.send(h.type, h.payload);
      else if (h.kind === 'bytes') m.room.sendBytes(h.type, h.bytes);
      else conn.send(h.frame);
    } catch {
      // The client library refused to encode it (e.g. a BigInt): nothing was sent.
    }
  }
  // A consented leave is answered after every earlier frame was handled: then the refusals are all in.
  const closedBefore = m.closed;
  await m.room.leave().catch(() => undefined);
  refusals.push(...m.errors.map((e) => e.code));
  if (closedBefore !== null) closes.push(closedBefore);
}

describe('fuzz (issue 10 proof)', () => {
  it('HD6 HD7: 20,000 hostile messages — no crash, every refusal named, the good client served', { timeout: 60_000 }, async () => {
    const good = await member(server.endpoint, { space: 'fuzz', name: 'Good' });
    const watcher = await member(server.endpoint, { space: 'fuzz', name: 'Watcher' });
    const all = fc.sample(hostile, { numRuns: TOTAL, seed: 10 });
    const batches: Hostile[][] = [];
    for (let i = 0; i < all.length; i += PER_SESSION) batches.push(all.slice(i, i + PER_SESSION));
    const refusals: string[] = [];
    const closes: number[] = [];
    const me = good.room.state.avatars.get(good.id)!;
    const pose = restPose(createPose(), me.head.px, me.head.pz, 0);
    let step = 0;
    const mover = setInterval(() => {
      pose.head.px += step++ % 2 === 0 ? 0.01 : -0.01;
      good.room.sendBytes('pose', encodePose(pose));
    }, 100);
    try {
      for (let i = 0; i < batches.length; i += ATTACKERS_AT_ONCE) {
        await Promise.all(batches.slice(i, i + ATTACKERS_AT_ONCE).map((b) => attack(b, refusals, closes)));
        if (i % (ATTACKERS_AT_ONCE * 8) === 0) good.room.send('chat.send', { text: `still here ${i}` });
      }
    } finally {
      clearInterval(mover);
    }
    expect(all.length).toBeGreaterThanOrEqual(20_000);
    // Every refusal carries a known code; every closed attacker a named code.
    expect(refusals.filter((c) => !(c in ERROR_TEXT))).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    expect(closes.filter((c) => c !== CloseCode.TOO_MANY_REFUSALS && c !== 1000)).toEqual([]);
    // The good client: its last pose and a last chat line reach the watcher; it was never refused.
    good.room.send('chat.send', { text: 'the end' });
    await waitFor('last chat line', () => watcher.of<ChatLine>('chat.line').some((l) => l.text === 'the end'), 5000);
    await waitFor('last pose', () => Math.abs(watcher.room.state.avatars.get(good.id)!.head.px - pose.head.px) < 1e-4, 5000);
    expect(good.errors.filter((e) => e.code !== 'message.rate')).toEqual([]);
    expect(good.closed).toBeNull();
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).toBe(200);
    expect(server.lines.some((l) => l.includes('uncaught exception'))).toBe(false);
    await Promise.all([good.room.leave(), watcher.room.leave()]);
  });
});
