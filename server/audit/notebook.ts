/**
 * A machine's lifecycle notes (SPEC NT2, NT3): a note is kept through the store's write queue,
 * audited, and passed to the listeners (each space room showing the machine broadcasts it). The id
 * is made here, not by the database, so everyone can be told at once while the write waits.
 */
import { randomUUID } from 'node:crypto';
import type { NoteKind } from '../../shared/protocol/twinMemory.js';
import type { StoredNote } from '../store/notesTable.js';
import type { Journal } from './journal.js';

/** Where notes are kept (the Store). */
export interface NoteSink {
  recordNote(n: StoredNote): void;
}

export interface NoteAuthor {
  session: string;
  name: string;
  space: string;
}

/** Receives each note; `local` is false for notes written through another process (SPEC S5). */
export type NoteListener = (n: StoredNote, local: boolean) => void;

export class NoteBook {
  private readonly listeners = new Set<NoteListener>();

  constructor(
    private readonly sink: NoteSink,
    private readonly journal: Journal,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Adds a note whose text is already clean (shared/protocol/twinMemory.ts `cleanNoteText`). */
  add(twin: string, kind: NoteKind, text: string, by: NoteAuthor): StoredNote {
    const note: StoredNote = { id: randomUUID(), twin, kind, text, at: this.clock(), by: by.name, bySession: by.session, space: by.space };
    this.sink.recordNote(note);
    this.journal.record({
      space: by.space,
      twin,
      kind: 'note',
      actor: { session: by.session, name: by.name },
      subject: kind,
      detail: { note: note.id, kind, text },
    });
    for (const l of this.listeners) l(note, true);
    return note;
  }

  /** A note written through another process (and kept there): passed to the listeners only (SPEC S5). */
  relay(note: StoredNote): void {
    for (const l of this.listeners) l(note, false);
  }

  onNote(l: NoteListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
}
