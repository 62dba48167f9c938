/**
 * A machine's memory over the wire (SPEC AK1, NT2, AU5): acknowledging alarms, writing notes, and
 * hearing the space's activity and new notes. Its own module, beside the twin mirror: each payload
 * is checked against the server → client table before anyone sees it.
 */
import type { ActivityMessage } from '../../shared/protocol/activity.js';
import { checkServerMessage } from '../../shared/protocol/table.js';
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
  connection.onRoom((room) => {
    const offActivity = room.onMessage('activity', (raw: unknown) => {
      const m = checkServerMessage('activity', raw);
      if (m.ok) activity.forEach((l) => l(m.value));
      else console.warn('[twinverse] activity message refused:', m.problems);
    });
    const offNote = room.onMessage('twin.note_added', (raw: unknown) => {
      const m = checkServerMessage('twin.note_added', raw);
      if (m.ok) notes.forEach((l) => l(m.value));
      else console.warn('[twinverse] twin.note_added refused:', m.problems);
    });
    return () => {
      offActivity();
      offNote();
    };
  });
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
