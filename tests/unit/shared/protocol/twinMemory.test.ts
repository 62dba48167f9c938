/** The note text rule both sides apply (SPEC NT1), and the wire schema that lets the handler name the reason. */
import { describe, expect, it } from 'vitest';
import { check } from '../../../../shared/protocol/validation.js';
import { cleanNoteText, NOTE_MAX_CHARS, TwinNoteMessage } from '../../../../shared/protocol/twinMemory.js';

describe('note text', () => {
  it('NT1: trims, turns CR LF into LF, keeps tabs, newlines and any script', () => {
    expect(cleanNoteText('  Filter replaced\r\n\tnext: March  ')).toEqual({ ok: true, text: 'Filter replaced\n\tnext: March' });
    expect(cleanNoteText('Öl gewechselt — 油を交換 ✔')).toEqual({ ok: true, text: 'Öl gewechselt — 油を交換 ✔' });
  });

  it('NT1: 1 to 2,000 characters after trimming', () => {
    expect(cleanNoteText('')).toEqual({ ok: false, code: 'note.empty' });
    expect(cleanNoteText(' \n\t\r\n ')).toEqual({ ok: false, code: 'note.empty' });
    expect(cleanNoteText('x')).toEqual({ ok: true, text: 'x' });
    expect(cleanNoteText(`  ${'x'.repeat(NOTE_MAX_CHARS)}  `)).toEqual({ ok: true, text: 'x'.repeat(NOTE_MAX_CHARS) });
    expect(cleanNoteText('x'.repeat(NOTE_MAX_CHARS + 1))).toEqual({ ok: false, code: 'note.too_long' });
  });

  it('NT1: control characters and direction overrides are refused', () => {
    for (const bad of ['a\u0000b', 'bell\u0007', 'esc\u001b[31m', 'del\u007f', 'c1\u0085', 'rtl\u202eevil', 'iso\u2066late'])
      expect(cleanNoteText(bad)).toEqual({ ok: false, code: 'note.bad_characters' });
  });

  it('NT1: the wire takes any kind of the four and text up to 8 KB, so the handler names what is wrong', () => {
    expect(check(TwinNoteMessage, { twin: 'pump-1', kind: 'part_replaced', text: '' }).ok).toBe(true);
    expect(check(TwinNoteMessage, { twin: 'pump-1', kind: 'part_replaced', text: 'x'.repeat(5000) }).ok).toBe(true);
    expect(check(TwinNoteMessage, { twin: 'pump-1', kind: 'gossip', text: 'x' }).ok).toBe(false);
    expect(check(TwinNoteMessage, { twin: 'pump-1', kind: 'observation', text: 'x'.repeat(8193) }).ok).toBe(false);
    expect(check(TwinNoteMessage, { twin: 'pump-1', kind: 'observation', text: 'x', by: 'someone else' }).ok).toBe(false);
  });
});
