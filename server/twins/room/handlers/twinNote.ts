/**
 * `twin.note`: a lifecycle note on a machine (SPEC NT1, NT2). Operators and the host may write one;
 * the text is cleaned and judged by the shared rule, then the note book keeps, audits and announces it.
 */
import { cleanNoteText, type TwinNoteMessage } from '../../../../shared/protocol/twinMemory.js';
import type { NoteBook } from '../../../audit/notebook.js';
import type { JsonRoute } from '../../../core/context.js';
import type { RoomTwin } from '../roomTwins.js';
import { keepsRecords } from './twinAlarmAck.js';

const REF = 'twin.note';

export function twinNoteRoute(twins: ReadonlyMap<string, RoomTwin>, notes: NoteBook, space: string): JsonRoute<TwinNoteMessage> {
  return {
    handle(ctx, p, m) {
      if (!twins.has(m.twin)) return ctx.refuse(p, 'twin.unknown', REF, m.twin);
      if (!keepsRecords(p)) return ctx.refuse(p, 'twin.operators_only', REF);
      const clean = cleanNoteText(m.text);
      if (!clean.ok) return ctx.refuse(p, clean.code, REF);
      const note = notes.add(m.twin, m.kind, clean.text, { session: p.sessionId, name: p.avatar.name, space });
      ctx.log.info({ twin: m.twin, note: note.id, kind: m.kind, by: p.avatar.name }, 'note written');
    },
  };
}
