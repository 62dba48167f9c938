/**
 * The VR note board's words (SPEC NT7): every quick phrase is a note the server takes (NT1), and
 * phrases pressed one after another make sentences of one note.
 */
import { describe, expect, it } from 'vitest';
import { cleanNoteText, NOTE_KINDS } from '../../../../shared/protocol/twinMemory.js';
import { addPhrase, KIND_WORDS, QUICK_PHRASES } from '../../../../client/twins/vrNoteBoard.js';

describe('VR note board', () => {
  it('NT7: each kind has four quick phrases, each a note NT1 accepts as it stands', () => {
    for (const kind of NOTE_KINDS) {
      expect(KIND_WORDS[kind]).toBeTruthy();
      expect(QUICK_PHRASES[kind]).toHaveLength(4);
      for (const phrase of QUICK_PHRASES[kind]) expect(cleanNoteText(addPhrase('', phrase))).toEqual({ ok: true, text: `${phrase}.` });
    }
  });

  it('NT7: phrases pressed in turn are sentences of one note', () => {
    expect(['Unusual noise', 'Running hot'].reduce(addPhrase, '')).toBe('Unusual noise. Running hot.');
  });
});
