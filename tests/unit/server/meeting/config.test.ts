import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hostPasscodeOf, iceServersFor, loadMeetingConfig } from '../../../../server/meeting/config.js';
import { SpaceMemory } from '../../../../server/meeting/memory.js';
import { loadConfig } from '../../../../server/config.js';

describe('meeting configuration (SPEC V8, R1)', () => {
  it('has no ICE servers by default (no public STUN anywhere)', () => {
    expect(loadConfig({}).meetings).toEqual({ iceServers: [], iceTransportPolicy: 'all', turn: undefined, hostPasscodes: {} });
  });

  it('reads ICE_SERVERS as JSON and refuses URLs that are not ICE URLs', () => {
    const c = loadMeetingConfig({
      ICE_SERVERS: '[{"urls":["stun:stun.example.org:3478"]},{"urls":"turn:t.example.org","username":"u","credential":"p"}]',
    });
    expect(c.iceServers).toHaveLength(2);
    expect(() => loadMeetingConfig({ ICE_SERVERS: '[{"urls":"http://x"}]' })).toThrow(/ICE_SERVERS.*stun:/);
    expect(() => loadMeetingConfig({ ICE_SERVERS: 'nope' })).toThrow(/ICE_SERVERS: not valid JSON/);
  });

  it('names each bad variable at once', () => {
    expect(() => loadConfig({ ICE_TRANSPORT_POLICY: 'some', HOST_PASSCODES: '{"x":"1"}', TURN_URLS: 'turn:a' })).toThrow(
      /ICE_TRANSPORT_POLICY.*TURN_SECRET.*HOST_PASSCODES/,
    );
    expect(() => loadMeetingConfig({ ICE_TRANSPORT_POLICY: 'relay' })).toThrow(/relay.*needs a TURN server/);
  });

  it('gives each session its own TURN credential, valid for the TTL (TURN REST API)', () => {
    const c = loadMeetingConfig({ TURN_SECRET: 's3cret', TURN_URLS: 'turn:127.0.0.1:3478, turns:127.0.0.1:5349', TURN_TTL_SECONDS: '600' });
    const [turn] = iceServersFor(c, 'abc', 1_000_000);
    expect(turn).toEqual({
      urls: ['turn:127.0.0.1:3478', 'turns:127.0.0.1:5349'],
      username: '1600:abc',
      credential: crypto.createHmac('sha1', 's3cret').update('1600:abc').digest('base64'),
    });
  });

  it('looks up host passcodes per space, with * for all', () => {
    const c = loadMeetingConfig({ HOST_PASSCODES: '{"boardroom":"open-sesame","*":"fallback"}' });
    expect(hostPasscodeOf(c, 'boardroom')).toBe('open-sesame');
    expect(hostPasscodeOf(c, 'other')).toBe('fallback');
  });
});

describe('space memory (SPEC C3, B6)', () => {
  it('keeps a space’s record after its room closes, and forgets the longest idle beyond the limit', () => {
    const m = new SpaceMemory(2);
    const a = m.open('a');
    a.chat.append({ at: 0, kind: 'system', from: '', name: '', color: '', text: 'hi' });
    m.release('a', 1);
    expect(m.open('a')).toBe(a);
    m.release('a', 2);
    for (const [name, t] of [
      ['b', 3],
      ['c', 4],
    ] as const) {
      m.open(name);
      m.release(name, t);
    }
    expect(m.has('a')).toBe(false);
    expect(m.has('b')).toBe(true);
    expect(m.has('c')).toBe(true);
  });

  it('never forgets a space in use', () => {
    const m = new SpaceMemory(0);
    m.open('busy');
    m.open('idle');
    m.release('idle');
    expect(m.has('busy')).toBe(true);
    expect(m.has('idle')).toBe(false);
  });
});
