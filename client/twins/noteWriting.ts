/**
 * Writing notes on the open machine (SPEC NT1, NT7): the HTML note form beside the open panel for
 * those who may write, and in VR, where the form is not seen, a wrist-menu "Write note" action that
 * opens a board of kinds and quick phrases in front of the user (its own chunk, like the panel).
 */
import type { ClientContext } from '../context/context.js';
import type { MemoryNet } from './memoryNet.js';
import { createNoteForm } from './noteForm.js';
import type { VrNoteBoard } from './vrNoteBoard.js';

/** The machine whose panel is open, as the note form and board name it. */
export type OpenTwin = { id: string; title: string } | null;

export interface NoteWriting {
  /** Shows or hides the form and the action for the open machine and my role now. */
  sync(): void;
  /** The VR board while it is open (test API). */
  board(): VrNoteBoard | null;
  dispose(): void;
}

export function createNoteWriting(
  ctx: ClientContext,
  memory: MemoryNet,
  keepsRecords: () => boolean,
  openTwin: () => OpenTwin,
): NoteWriting {
  const noteForm = createNoteForm(memory.note);
  ctx.hud.addPanel(noteForm.element);
  let noteBoard: VrNoteBoard | null = null;
  let offNoteAction: (() => void) | null = null;
  const offNoteError = ctx.connection.onServerError((e) => {
    if (e.ref !== 'twin.note') return;
    noteForm.problem(e.message);
    noteBoard?.problem(e.message);
  });
  const closeNoteBoard = () => {
    noteBoard?.dispose();
    noteBoard = null;
    ctx.actions.changed();
  };
  const openNoteBoard = async (twin: { id: string; title: string }) => {
    const { openVrNoteBoard } = await import('./vrNoteBoard.js');
    if (openTwin()?.id !== twin.id || !keepsRecords()) return;
    closeNoteBoard();
    noteBoard = openVrNoteBoard({ scene: ctx.scene, twin, send: memory.note, close: closeNoteBoard });
    ctx.actions.changed();
  };
  return {
    sync() {
      const writing = keepsRecords() ? openTwin() : null;
      noteForm.show(writing);
      if (noteBoard && noteBoard.twin !== writing?.id) closeNoteBoard();
      if (writing && !offNoteAction)
        offNoteAction = ctx.actions.register({
          id: 'twin-note',
          label: () => 'Write note',
          active: () => noteBoard !== null,
          run: () => {
            if (noteBoard) return closeNoteBoard();
            const on = openTwin();
            if (on) void openNoteBoard(on);
          },
        });
      else if (!writing && offNoteAction) {
        offNoteAction();
        offNoteAction = null;
      }
    },
    board: () => noteBoard,
    dispose() {
      offNoteError();
      noteForm.element.remove();
      closeNoteBoard();
      offNoteAction?.();
    },
  };
}
