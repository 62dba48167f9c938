/**
 * Where commands to machines are recorded (who, what, input, outcome, timestamps): one interface,
 * two back ends speaking the same SQL — PGlite in-process by default, PostgreSQL with DATABASE_URL
 * (SPEC ST1–ST3). The table's format is versioned by migrations.ts.
 */
import type { CommandStatus } from '../../shared/twin/data.js';

export interface StoredCommand {
  id: string;
  twin: string;
  action: string;
  /** The input as sent (null when none). */
  input: unknown;
  bySession: string;
  byName: string;
  space: string;
  status: CommandStatus;
  reason: string;
  /** ms since the Unix epoch. */
  at: number;
  doneAt: number | null;
}

export interface CommandStore {
  /** `pglite (memory)`, `pglite (<dir>)` or `postgres`: for logs and /health. */
  readonly kind: string;
  /** A new command, pending. */
  record(c: StoredCommand): Promise<void>;
  /** Its outcome. */
  complete(id: string, status: CommandStatus, reason: string, doneAt: number): Promise<void>;
  /** The latest commands to a twin, newest first. */
  recent(twin: string, limit: number): Promise<StoredCommand[]>;
  close(): Promise<void>;
}
