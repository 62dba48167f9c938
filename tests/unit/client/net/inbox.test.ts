/**
 * The client's edge for server → client messages (client/net/inbox.ts): each message is checked
 * against the protocol table before a handler sees it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ServerMessage } from '../../../../shared/protocol/table.js';
import { SERVER_MESSAGE_NAMES, ServerInbox } from '../../../../client/net/inbox.js';

const line = { id: 1, at: 1, kind: 'chat', from: 'a', name: 'Ada', color: '#112233', text: 'hi' } as const;

describe('server inbox', () => {
  afterEach(() => vi.restoreAllMocks());

  it('CL3 a room listens to every server → client name of the table', () => {
    expect(SERVER_MESSAGE_NAMES).toContain('error');
    expect(SERVER_MESSAGE_NAMES).toContain('chat.line');
    expect(SERVER_MESSAGE_NAMES).toContain('twin.history');
  });

  it('CL3 a valid message reaches every handler of its name, as the table types it', () => {
    const inbox = new ServerInbox();
    const got: ServerMessage<'chat.line'>[] = [];
    const texts: string[] = [];
    inbox.on('chat.line', (l) => got.push(l));
    inbox.on('chat.line', (l) => texts.push(l.text));
    inbox.on('board.clear', () => texts.push('wrong handler'));
    // @ts-expect-error a name the table does not hold is a compile error
    inbox.on('chat.lines', () => undefined);
    inbox.deliver('chat.line', line);
    expect(got).toEqual([line]);
    expect(texts).toEqual(['hi']);
  });

  it('CL3 a malformed message is dropped with one log line naming the message and the field', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const inbox = new ServerInbox();
    const got: unknown[] = [];
    inbox.on('chat.line', (l) => got.push(l));
    inbox.deliver('chat.line', { ...line, id: 'one' });
    expect(got).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toMatch(/malformed chat\.line .*id/);
    // The next good one still arrives: nothing stuck.
    inbox.deliver('chat.line', line);
    expect(got).toEqual([line]);
  });

  it('CL3 a failing handler does not keep the message from the others; a removed one hears nothing', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const inbox = new ServerInbox();
    const got: number[] = [];
    inbox.on('chat.line', () => {
      throw new Error('broken feature');
    });
    const off = inbox.on('chat.line', (l) => got.push(l.id));
    inbox.deliver('chat.line', line);
    off();
    inbox.deliver('chat.line', line);
    expect(got).toEqual([1]);
  });
});
