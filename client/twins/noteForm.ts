/**
 * Writing a lifecycle note on the machine whose panel is open (SPEC NT6): a small HUD form — kind and
 * text — for operators and the host. The text is judged by the same rule as the server's (NT1) before
 * it is sent, so the common mistakes are told at once; the server's refusal, if any, shows here too.
 */
import { cleanNoteText, NOTE_KINDS, NOTE_MAX_CHARS, type NoteKind } from '../../shared/protocol/twinMemory.js';
import { ERROR_TEXT } from '../../shared/protocol/errors.js';
import { el } from '../core/dom.js';

const KIND_WORDS: Record<NoteKind, string> = {
  maintenance: 'Maintenance',
  inspection: 'Inspection',
  part_replaced: 'Part replaced',
  observation: 'Observation',
};

export interface NoteForm {
  readonly element: HTMLElement;
  /** Shows the form for a machine (hidden while `twin` is null). */
  show(twin: { id: string; title: string } | null): void;
  /** A refusal of a note from the server, in words. */
  problem(text: string): void;
}

export function createNoteForm(send: (twin: string, kind: NoteKind, text: string) => void): NoteForm {
  let twin: string | null = null;
  const heading = el('h2', {}, 'Note');
  const kind = el(
    'select',
    { id: 'note-kind', 'aria-label': 'Kind of note' },
    ...NOTE_KINDS.map((k) => el('option', { value: k }, KIND_WORDS[k])),
  );
  const text = el('textarea', { id: 'note-text', rows: 2, maxlength: NOTE_MAX_CHARS, placeholder: 'What was done or seen' });
  const status = el('p', { class: 'muted', id: 'note-status' });
  const form = el(
    'form',
    {
      onsubmit: (e: Event) => {
        e.preventDefault();
        if (!twin) return;
        const clean = cleanNoteText(text.value);
        if (!clean.ok) return void (status.textContent = ERROR_TEXT[clean.code]);
        send(twin, kind.value as NoteKind, clean.text);
        text.value = '';
        status.textContent = 'Sent.';
      },
    },
    kind,
    text,
    el('button', { type: 'submit', id: 'note-save' }, 'Add note'),
  );
  // Typing here must not walk the player around.
  form.addEventListener('keydown', (e) => e.stopPropagation());
  const element = el('aside', { class: 'panel notes', id: 'note-form', hidden: true }, heading, form, status);
  return {
    element,
    show(t) {
      if (t?.id !== twin) status.textContent = '';
      twin = t?.id ?? null;
      heading.textContent = t ? `Note on ${t.title}` : 'Note';
      element.hidden = t === null;
    },
    problem(words) {
      status.textContent = words;
    },
  };
}
