/**
 * Hostile traffic, shared by the fuzz test (tests/integration/hardening.fuzz.test.ts) and the fuzz
 * bench (bench/fuzz.ts): generated messages of every kind — known and made-up types with arbitrary
 * payloads, binary messages of random bytes, raw frames of random bytes — and one attacker session
 * that sends a batch of them and reports what the server answered.
 */
import fc from 'fast-check';
import { ClientMessages } from '../../shared/protocol/table.js';
import { POSE_BYTES } from '../../shared/protocol/pose.js';
import { member } from './inbox.js';

export type Hostile =
  | { kind: 'json'; type: string; payload: unknown }
  | { kind: 'bytes'; type: string; bytes: Uint8Array }
  | { kind: 'raw'; frame: Uint8Array };

const names = [...Object.keys(ClientMessages), 'pose'];
const typeName = fc.oneof(
  fc.constantFrom(...names),
  fc.string({ maxLength: 40 }),
  fc.constantFrom('__no_message_handler', '__proto__', 'constructor', '*'),
);

export const hostile: fc.Arbitrary<Hostile> = fc.oneof(
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

/** `total` hostile messages from a fixed seed (the same run every time), in batches of `perSession`. */
export function hostileBatches(total: number, perSession: number, seed: number): Hostile[][] {
  const all = fc.sample(hostile, { numRuns: total, seed });
  const batches: Hostile[][] = [];
  for (let i = 0; i < all.length; i += perSession) batches.push(all.slice(i, i + perSession));
  return batches;
}

/** The close code of a consented leave (Colyseus). */
const LEFT = 4000;

export interface AttackResult {
  /** Error codes the attacker was sent. */
  refusals: string[];
  /** The close code, when the server ended the session before the attacker left. */
  closed: number | null;
}

/** One attacker session in `space`: sends `messages`, then leaves; returns what the server answered. */
export async function attack(endpoint: string, space: string, messages: Hostile[]): Promise<AttackResult> {
  const m = await member(endpoint, { space, name: 'Mallory' });
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
  // The sends above never wait, so the session is still open here; if the server closes it before the
  // leave is answered, the leave resolves with the server's code instead of a consented one.
  const code = m.closed ?? (await m.room.leave().catch(() => LEFT));
  return { refusals: m.errors.map((e) => e.code), closed: code === LEFT || code === 1000 ? null : code };
}
