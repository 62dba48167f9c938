/**
 * The batch devices send several property values in — over HTTP (`POST /api/twins/:id/properties`,
 * SPEC H6), on an MQTT Thing-level topic (MQ2), and from process to process (S3): either
 * `{ "name": value, … }` or the envelope `{ "ts": ms, "values": { … } }`. One schema and one reader
 * for all three, here beside the ingest path they feed rather than in shared/: no client sends or
 * reads it, it is the devices' contract with the server.
 */
import { check, z } from '../../shared/protocol/validation.js';

/** Property values by property name. */
export const IngestValues = z.record(z.string(), z.unknown());

/** `{ ts?, values }`: `ts` is the source's time of every value in it, ms since the Unix epoch. */
export const IngestEnvelope = z.object({ ts: z.optional(z.number()), values: IngestValues });

export interface IngestBatch {
  values: Record<string, unknown>;
  /** The source's timestamp, ms since the Unix epoch, if it sent one. */
  ts: number | undefined;
}

/** What a sender is told when the body is not an object at all. */
export const BATCH_SHAPE = 'expected a JSON object of property values, or { "ts": ms, "values": { … } }';

/**
 * Reads a parsed JSON payload as a batch. It is the envelope when `values` is an object and the twin
 * has no property of that name (`isProperty`); otherwise each member is one property's value.
 */
export function readBatch(
  json: unknown,
  isProperty: (name: string) => boolean,
): { ok: true; batch: IngestBatch } | { ok: false; problem: string } {
  if (!isObject(json)) return { ok: false, problem: BATCH_SHAPE };
  if (!isObject(json.values) || isProperty('values')) return { ok: true, batch: { values: json, ts: undefined } };
  const envelope = check(IngestEnvelope, json);
  if (!envelope.ok) return { ok: false, problem: envelope.problems };
  return { ok: true, batch: { values: envelope.value.values, ts: envelope.value.ts } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
