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

  it('UX5: lines from a history snapshot are read; lines arriving live after it are news', () => {
    const m = new ChatModel();
    m.addHistory([line(1), line(2)]);
    m.add([line(3)]);
    expect(m.lines.map((l) => m.isNews(l))).toEqual([false, false, true]);
    // A reconnection's history overlaps and may carry lines missed meanwhile: those were not seen live.
    m.addHistory([line(3), line(4)]);
    expect(m.isNews(line(4))).toBe(false);
    expect(m.isNews(line(5))).toBe(true);
  });

  it('says each line as a sentence', () => {
    expect(describeLine(line(1, 'hi'))).toBe('Ada: hi');
    expect(describeLine({ ...line(2), kind: 'join', text: 'joined' })).toBe('Ada joined');
  });
});
