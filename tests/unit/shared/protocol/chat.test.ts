import { describe, expect, it } from 'vitest';
import { CHAT_MAX_CHARS, cleanChatText } from '../../../../shared/protocol/chat.js';

describe('chat text (SPEC C2)', () => {
  it('trims and keeps line breaks and emoji', () => {
    expect(cleanChatText('  hello\r\nthere 👩‍💻 ')).toEqual({ ok: true, text: 'hello\nthere 👩‍💻' });
  });

  it.each<[string, string, string]>([
    ['empty', '   ', 'chat.empty'],
    ['one character too long', 'x'.repeat(CHAT_MAX_CHARS + 1), 'chat.too_long'],
    ['a bell', 'ding\u0007', 'chat.bad_characters'],
    ['a right-to-left override', 'invoice\u202Egnp.exe', 'chat.bad_characters'],
    ['an isolate', 'a\u2066b', 'chat.bad_characters'],
  ])('refuses %s', (_w, text, code) => {
    expect(cleanChatText(text)).toEqual({ ok: false, code });
  });

  it('accepts exactly the limit', () => {
    expect(cleanChatText('y'.repeat(CHAT_MAX_CHARS)).ok).toBe(true);
  });
});
