/**
 * The process's journal of everything that changed a machine or a space (SPEC AU1–AU5): each entry
 * goes to the audit log through the store's write queue (never waits on the database; queued while it
 * is unreachable) and to the listeners — each space room turns the ones that concern it into its
 * activity feed. Entries are only ever added: nothing here edits or deletes one.
 */
import type { AuditEntry } from '../store/auditTable.js';

/** What a caller says happened; the journal stamps the time. */
export type AuditInput = Omit<AuditEntry, 'at'>;

/**
 * Receives each entry; `announce` is false for entries that are a record, not an action (a command's
 * outcome); `local` is false for entries another process recorded (server/cluster/, SPEC S5).
 */
export type JournalListener = (e: AuditEntry, announce: boolean, local: boolean) => void;

/** Where entries are kept (the Store; a list in unit tests). */
export interface AuditSink {
  recordAudit(e: AuditEntry): void;
}

export class Journal {
  private readonly listeners = new Set<JournalListener>();

  constructor(
    private readonly sink: AuditSink,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Records an action (everyone concerned sees it in their activity feed). */
  record(e: AuditInput): AuditEntry {
    return this.add(e, true);
  }

  /** Records a fact that follows an action (a command's outcome): kept, not announced. */
  note(e: AuditInput): AuditEntry {
    return this.add(e, false);
  }

  /** An entry another process recorded (and kept): passed to the listeners, not kept again (SPEC S5). */
  relay(e: AuditEntry, announce: boolean): void {
    for (const l of this.listeners) l(e, announce, false);
  }

  /** Listens to every entry; returns the function that stops listening. */
  onEntry(l: JournalListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  private add(e: AuditInput, announce: boolean): AuditEntry {
    const entry: AuditEntry = { ...e, at: this.clock() };
    this.sink.recordAudit(entry);
    for (const l of this.listeners) l(entry, announce, true);
    return entry;
  }
}
