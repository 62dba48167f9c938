/**
 * HTTP ingest across processes (SPEC H6, S3). Over MQTT every process hears every device; an HTTP
 * push reaches only the process the load balancer picked. So with several processes (`REDIS_URL`)
 * the process that accepted a batch passes it on through the Colyseus presence's pub/sub, and every
 * other process writes it through its own ingest path — rooms on any process show the same machine.
 * Only checked, accepted values travel; each process checks them again (its definitions are its own).
 */
import { randomUUID } from 'node:crypto';
import type { Presence } from '@colyseus/core';
import { check, z } from '../../shared/protocol/validation.js';
import type { Logger } from '../log.js';
import { IngestEnvelope } from './ingestBatch.js';
import type { TwinRuntime } from './runtime.js';

/** The channel, after the deployment's REDIS_PREFIX. */
export const INGEST_CHANNEL = 'ingest';

/** One accepted HTTP batch as it travels between processes: the ingest envelope, its twin, and the process that accepted it (it does not write it twice). */
export const SharedBatch = z.extend(IngestEnvelope, { from: z.string(), twin: z.string() });
export type SharedBatch = z.infer<typeof SharedBatch>;

export interface IngestShare {
  /** Passes an accepted batch on to the other processes. */
  publish(twin: string, values: Record<string, unknown>, ts: number | undefined): void;
  stop(): Promise<void>;
}

export async function shareIngest(presence: Presence, runtime: TwinRuntime, log: Logger, prefix = 'twinverse:'): Promise<IngestShare> {
  const self = randomUUID();
  const channel = `${prefix}${INGEST_CHANNEL}`;
  const receive = (m: unknown) => {
    const read = check(SharedBatch, m);
    if (!read.ok) {
      log.warn({ channel, problems: read.problems }, 'malformed shared ingest batch ignored');
      return;
    }
    const b = read.value;
    if (b.from === self) return;
    for (const [k, v] of Object.entries(b.values)) runtime.ingest(b.twin, k, v, b.ts);
  };
  await presence.subscribe(channel, receive);
  return {
    publish(twin, values, ts) {
      const batch: SharedBatch = { from: self, twin, values, ...(ts !== undefined ? { ts } : {}) };
      // A lost batch costs the other processes one reading, never this request: log, do not throw.
      Promise.resolve(presence.publish(channel, batch)).catch((err: unknown) =>
        log.warn({ err: (err as Error).message }, 'could not share an HTTP ingest batch with the other processes'),
      );
    },
    stop: async () => {
      await presence.unsubscribe(channel, receive);
    },
  };
}
