/**
 * Where commands to machines are recorded (who, what, input, outcome, timestamps), SPEC ST1–ST4. The
 * SQL lives in commandsTable.ts; store.ts queues the writes so no room waits on the database.
 */
import type { CommandStatus } from '../../shared/twin/data.js';

/**
 * A command's recorded outcome: the live ones, plus `aborted` (the server stopped while it was
 * pending) and `lost` (found pending after the server that sent it had gone: SIGKILL, crash).
 */
export type StoredCommandStatus = CommandStatus | 'aborted' | 'lost';

export interface StoredCommand {
  id: string;
  twin: string;
  action: string;
  /** The input as sent (null when none). */
  input: unknown;
  bySession: string;
  byName: string;
  space: string;
  status: StoredCommandStatus;
  reason: string;
  /** ms since the Unix epoch. */
  at: number;
  doneAt: number | null;
}

export interface CommandStore {
  /** `pglite (memory)`, `pglite (<dir>)` or `postgres`: for logs and /health. */
  readonly kind: string;
  /** A new command, pending (queued: never waits on the database). */
  record(c: StoredCommand): void;
  /** Its outcome (queued after the record). */
  complete(id: string, status: Exclude<StoredCommandStatus, 'pending'>, reason: string, doneAt: number): void;
  /**
   * Marks commands still pending that were sent more than `olderThanMs` ago as `lost`: no live
   * server waits for them any more, since each times its own out (SPEC ST4).
   */
  reconcileLost(olderThanMs: number): void;
  /** The latest commands to a twin, newest first. */
  recent(twin: string, limit: number): Promise<StoredCommand[]>;
}
