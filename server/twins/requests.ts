/**
 * Who asks a twin for something, and what a command request answers: read by the command book, the
 * runtime, alarm acknowledgement and the processes that forward requests to a twin's owner (S4).
 */
import type { ErrorCode } from '../../shared/protocol/errors.js';
import type { CommandRecord } from './live.js';

/** The person behind a request: their session, display name and the space they are in. */
export interface Actor {
  session: string;
  name: string;
  space: string;
}

export type InvokeResult = { ok: true; command: CommandRecord } | { ok: false; code: ErrorCode; detail?: string };
