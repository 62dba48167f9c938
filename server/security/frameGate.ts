/**
 * The first look at every room frame, before Colyseus decodes it (SPEC M3, M4, HD6, HD7). Colyseus
 * would close the session on an undecodable body (4002), close it on the type "__no_message_handler",
 * print a console line for each type name that is not UTF-8, and accept a binary route's bytes sent
 * as msgpack. The gate reads the type itself and refuses, by name, frames that are too large, nest
 * too deep, do not decode, carry an unknown type, or use the wrong encoding for their type.
 */
import { unpack } from '@colyseus/msgpackr';
import type { ErrorCode } from '../../shared/protocol/errors.js';
import { MAX_MESSAGE_BYTES } from '../../shared/protocol/messages.js';

/** Colyseus protocol bytes of a msgpack room message and of a raw-bytes one. */
const ROOM_DATA = 13;
const ROOM_DATA_BYTES = 17;

/** Deepest nesting of objects and arrays a JSON message may have (the deepest in the protocol is 4). */
export const MAX_MESSAGE_DEPTH = 16;

/** Longest type name shown back in a refusal, characters. */
const REF_CHARS = 64;

export type GateVerdict = { ok: true } | { ok: false; code: ErrorCode; ref: string; detail?: string };

const PASS: GateVerdict = { ok: true };
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type FrameGate = (frame: Uint8Array) => GateVerdict;

/** A gate for a room whose JSON messages are `jsonNames` and whose binary ones are `binaryNames`. */
export function frameGate(jsonNames: Iterable<string>, binaryNames: Iterable<string>): FrameGate {
  const json = new Set(jsonNames);
  const binary = new Set(binaryNames);
  return (frame) => {
    const kind = frame[0];
    if (kind !== ROOM_DATA && kind !== ROOM_DATA_BYTES) return PASS;
    const head = readType(frame);
    if (!head) return refuse('message.malformed', 'unknown', `${frame.byteLength} bytes`);
    const { type, offset } = head;
    const ref = type.slice(0, REF_CHARS);
    // Known names first: every ref past this point is one of ours, never a name a client made up.
    if (!binary.has(type) && !json.has(type)) return refuse('message.unknown_type', ref);
    if (frame.byteLength - offset > MAX_MESSAGE_BYTES)
      return refuse('message.too_large', ref, `${frame.byteLength - offset} bytes; at most ${MAX_MESSAGE_BYTES}`);
    if (binary.has(type)) return kind === ROOM_DATA_BYTES ? PASS : refuse('message.invalid', ref, 'expected binary (sendBytes)');
    if (kind === ROOM_DATA_BYTES) return refuse('message.invalid', ref, 'expected a JSON message (send), not bytes');
    if (offset === frame.byteLength) return PASS;
    let body: unknown;
    try {
      body = unpack(frame.subarray(offset));
    } catch {
      return refuse('message.malformed', ref, `${frame.byteLength} bytes`);
    }
    return depthOf(body, MAX_MESSAGE_DEPTH) > MAX_MESSAGE_DEPTH
      ? refuse('message.too_deep', ref, `more than ${MAX_MESSAGE_DEPTH} levels`)
      : PASS;
  };
}

function refuse(code: ErrorCode, ref: string, detail?: string): GateVerdict {
  return detail === undefined ? { ok: false, code, ref } : { ok: false, code, ref, detail };
}

/** The message type after the protocol byte: a msgpack string (valid UTF-8) or integer. */
function readType(frame: Uint8Array): { type: string; offset: number } | null {
  const t = frame[1];
  if (t === undefined) return null;
  let start: number;
  let length: number;
  if ((t & 0xe0) === 0xa0) [start, length] = [2, t & 0x1f];
  else if (t === 0xd9) [start, length] = [3, frame[2] ?? -1];
  else if (t === 0xda) [start, length] = [4, ((frame[2] ?? 0) << 8) | (frame[3] ?? 0)];
  else if (t <= 0x7f) return { type: `#${t}`, offset: 2 };
  else if (t === 0xcc && frame.byteLength >= 3) return { type: `#${frame[2]}`, offset: 3 };
  else if (t === 0xcd && frame.byteLength >= 4) return { type: `#${(frame[2]! << 8) | frame[3]!}`, offset: 4 };
  else return null;
  if (length < 0 || start + length > frame.byteLength) return null;
  try {
    return { type: utf8.decode(frame.subarray(start, start + length)), offset: start + length };
  } catch {
    return null;
  }
}

/** Nesting depth of a decoded value, counted without recursion and stopping past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop()!;
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v)) continue;
    const depth = d + 1;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth]);
  }
  return deepest;
}
