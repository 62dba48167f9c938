/**
 * Proof against hostile clients (issue 10): over 20,000 generated hostile messages of every kind —
 * known and made-up types with arbitrary payloads, raw frames of random bytes, binary poses of random
 * bytes — from many sessions at a real server, while a good client moves and chats. The server must
 * not crash, every refusal must carry a known code, every closed attacker a known close code, and the
 * good client's pose and chat must arrive intact. Bounded: fixed seed, fixed counts, well under 60 s.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_TEXT } from '../../shared/protocol/errors.js';

import { type ChatLine } from '../../shared/protocol/chat.js';
import { createPose, encodePose } from '../../shared/protocol/pose.js';
import { restPose } from '../../shared/space/spawn.js';
import { CloseCode } from '../../shared/protocol/version.js';
import { attack, hostileBatches } from '../support/hostile.js';
import { member } from '../support/inbox.js';
import { startLoggedServer, type LoggedServer } from '../support/loggedServer.js';
import { waitFor } from '../support/wait.js';

const TOTAL = 20_000;
const PER_SESSION = 150;
const ATTACKERS_AT_ONCE = 4;

let server: LoggedServer;

beforeAll(async () => {
  server = await startLoggedServer();
});
afterAll(async () => {
  await server?.close();
});

describe('fuzz (issue 10 proof)', () => {
  it('HD6 HD7: 20,000 hostile messages — no crash, every refusal named, the good client served', { timeout: 60_000 }, async () => {
    const good = await member(server.endpoint, { space: 'fuzz', name: 'Good' });
    const watcher = await member(server.endpoint, { space: 'fuzz', name: 'Watcher' });
    const batches = hostileBatches(TOTAL, PER_SESSION, 10);
    const refusals: string[] = [];
    const closes: number[] = [];
    const me = good.poses.get(good.id)!;
    const pose = restPose(createPose(), me.head.px, me.head.pz, 0);
    let step = 0;
    const mover = setInterval(() => {
      pose.head.px += step++ % 2 === 0 ? 0.01 : -0.01;
      good.room.sendBytes('pose', encodePose(pose));
    }, 100);
    try {
      for (let i = 0; i < batches.length; i += ATTACKERS_AT_ONCE) {
        for (const r of await Promise.all(batches.slice(i, i + ATTACKERS_AT_ONCE).map((b) => attack(server.endpoint, 'fuzz', b)))) {
          refusals.push(...r.refusals);
          if (r.closed !== null) closes.push(r.closed);
        }
        if (i % (ATTACKERS_AT_ONCE * 8) === 0) good.room.send('chat.send', { text: `still here ${i}` });
      }
    } finally {
      clearInterval(mover);
    }
    expect(batches.flat().length).toBeGreaterThanOrEqual(20_000);
    // Every refusal carries a known code; every closed attacker a named code.
    expect(refusals.filter((c) => !(c in ERROR_TEXT))).toEqual([]);
    expect(refusals.length).toBeGreaterThan(0);
    expect(closes.filter((c) => c !== CloseCode.TOO_MANY_REFUSALS && c !== 1000)).toEqual([]);
    // The good client: its last pose and a last chat line reach the watcher; it was never refused.
    good.room.send('chat.send', { text: 'the end' });
    await waitFor('last chat line', () => watcher.of<ChatLine>('chat.line').some((l) => l.text === 'the end'), 5000);
    await waitFor('last pose', () => Math.abs((watcher.poses.get(good.id)?.head.px ?? NaN) - pose.head.px) < 1e-3, 5000);
    expect(good.errors.filter((e) => e.code !== 'message.rate')).toEqual([]);
    expect(good.closed).toBeNull();
    const health = await fetch(`http://127.0.0.1:${server.port}/health`);
    expect(health.status).toBe(200);
    expect(server.lines.some((l) => l.includes('uncaught exception'))).toBe(false);
    await Promise.all([good.room.leave(), watcher.room.leave()]);
  });
});
