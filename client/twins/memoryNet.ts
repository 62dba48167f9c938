/**
 * A machine's memory over the wire (SPEC AK1, NT2, AU5): acknowledging alarms, writing notes, and
 * hearing the space's activity and new notes. Its own module, beside the twin mirror; the connection's
 * typed `on` checks each payload against the server → client table before anyone sees it.
 */
import type { ActivityMessage } from '../../shared/protocol/activity.js';
import type { NoteKind, TwinNoteAddedMessage } from '../../shared/protocol/twinMemory.js';
import type { SpaceConnection } from '../net/connection.js';

export interface MemoryNet {
  acknowledge(twin: string, alarm: string): void;
  note(twin: string, kind: NoteKind, text: string): void;
  onActivity(l: (m: ActivityMessage) => void): () => void;
  onNote(l: (m: TwinNoteAddedMessage) => void): () => void;
}

export function connectMemory(connection: SpaceConnection): MemoryNet {
  const activity = new Set<(m: ActivityMessage) => void>();
  const notes = new Set<(m: TwinNoteAddedMessage) => void>();
  // The connection's inbox checks each payload against the server → client table (SPEC CL3).
  connection.on('activity', (m) => activity.forEach((l) => l(m)));
  connection.on('twin.note_added', (m) => notes.forEach((l) => l(m)));
  return {
    acknowledge: (twin, alarm) => connection.send('twin.alarm_ack', { twin, alarm }),
    note: (twin, kind, text) => connection.send('twin.note', { twin, kind, text }),
    onActivity(l) {
      activity.add(l);
      return () => activity.delete(l);
    },
    onNote(l) {
      notes.add(l);
      return () => notes.delete(l);
    },
  };
}
