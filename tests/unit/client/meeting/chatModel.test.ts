import { describe, expect, it } from 'vitest';
import { ChatModel, describeLine } from '../../../../client/meeting/chat/chatModel.js';
import type { ChatLine } from '../../../../shared/protocol/chat.js';

const line = (id: number, text = `line ${id}`): ChatLine => ({ id, at: 0, kind: 'chat', from: 'a', name: 'Ada', color: '#000000', text });

describe('chat model (SPEC C3)', () => {
  it('keeps lines in id order, each once (history after a reconnection overlaps)', () => {
    const m = new ChatModel();
    const added: number[][] = [];
    m.onAdded((l) => added.push(l.map((x) => x.id)));
    m.add([line(2)]);
    m.add([line(1), line(2), line(3)]);
    m.add([line(3)]);
    expect(m.lines.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(added).toEqual([[2], [1, 3]]);
  });

  it('says each line as a sentence', () => {
    expect(describeLine(line(1, 'hi'))).toBe('Ada: hi');
    expect(describeLine({ ...line(2), kind: 'join', text: 'joined' })).toBe('Ada joined');
  });
});
