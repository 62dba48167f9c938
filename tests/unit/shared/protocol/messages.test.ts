import { describe, expect, it } from 'vitest';
import { JoinOptions, ProfileMessage } from '../../../../shared/protocol/messages.js';
import { check } from '../../../../shared/protocol/validation.js';
import { checkProtocolVersion, CloseCode, PROTOCOL_VERSION, describeCloseCode } from '../../../../shared/protocol/version.js';

const good = { protocol: PROTOCOL_VERSION, space: 'factory', name: 'Ada', color: '#12abEF' };

describe('JoinOptions (SPEC J1)', () => {
  it.each<[string, unknown]>([
    ['minimal', good],
    ['with mode', { ...good, mode: 'vr' }],
    ['a phone', { ...good, mode: 'phone' }],
    ['a name with spaces and accents', { ...good, name: '  Zoë de Vries ' }],
    ['a space with dash and underscore', { ...good, space: 'line-2_east' }],
  ])('accepts %s', (_w, value) => {
    expect(check(JoinOptions, value).ok).toBe(true);
  });

  it('trims the name', () => {
    const r = check(JoinOptions, { ...good, name: '  Ada  ' });
    expect(r.ok && r.value.name).toBe('Ada');
  });

  it.each<[string, unknown, RegExp]>([
    ['no options', undefined, /root/],
    ['an empty name', { ...good, name: '   ' }, /name/],
    ['a 33-character name', { ...good, name: 'x'.repeat(33) }, /name.*32/],
    ['a control character in the name', { ...good, name: 'a\u0007b' }, /control/],
    ['a colour word', { ...good, color: 'red' }, /color/],
    ['an upper-case space', { ...good, space: 'Factory' }, /space/],
    ['a space with a slash', { ...good, space: 'a/b' }, /space/],
    ['an unknown mode', { ...good, mode: 'hologram' }, /mode/],
    ['an extra field', { ...good, role: 'host' }, /role/],
    ['a string protocol', { ...good, protocol: '1' }, /protocol/],
  ])('refuses %s, naming the field', (_w, value, problem) => {
    const r = check(JoinOptions, value);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems).toMatch(problem);
  });
});

describe('ProfileMessage (SPEC M2)', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [{ name: 'New' }, true],
    [{ color: '#000000', mode: 'desktop' }, true],
    [{ name: '' }, false],
    [{ color: 123 }, false],
    [{ name: 'ok', sessionId: 'someone-else' }, false],
    [null, false],
    ['text', false],
  ])('%j → %s', (value, ok) => {
    expect(check(ProfileMessage, value).ok).toBe(ok);
  });
});

describe('protocol version (SPEC J2)', () => {
  it('names who is too old', () => {
    expect(checkProtocolVersion(PROTOCOL_VERSION)).toBeNull();
    expect(checkProtocolVersion(PROTOCOL_VERSION - 1)).toBe(CloseCode.CLIENT_TOO_OLD);
    expect(checkProtocolVersion(PROTOCOL_VERSION + 1)).toBe(CloseCode.SERVER_TOO_OLD);
    expect(describeCloseCode(CloseCode.CLIENT_TOO_OLD)).toMatch(/Reload/);
    expect(describeCloseCode(1234)).toBeUndefined();
  });
});
