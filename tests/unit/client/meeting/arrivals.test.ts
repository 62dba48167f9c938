/** Join and leave lines folded into one (SPEC UX2). */
import { describe, expect, it } from 'vitest';
import { ARRIVALS_WINDOW_MS, arrivalsText, foldArrivals, lastRowsText } from '../../../../client/meeting/chat/arrivals.js';
import type { ChatLine } from '../../../../shared/protocol/chat.js';

let nextId = 1;
const line = (
  kind: ChatLine['kind'],
  name: string,
  at: number,
  text = kind === 'join' ? 'joined' : kind === 'leave' ? 'left' : 'hi',
): ChatLine => ({
  id: nextId++,
  at,
  kind,
  from: name,
  name,
  color: '#000000',
  text,
});

const shown = (lines: ChatLine[]) => foldArrivals(lines).map((r) => (r.kind === 'line' ? `${r.line.name}: ${r.line.text}` : r.text));

describe('folded arrivals', () => {
  it('UX2: names two, three, then "and n others"; a name twice counts once', () => {
    expect(arrivalsText(['Ada'], 'joined')).toBe('Ada joined');
    expect(arrivalsText(['Ada', 'Bo'], 'joined')).toBe('Ada and Bo joined');
    expect(arrivalsText(['Ada', 'Bo', 'Cy'], 'left')).toBe('Ada, Bo and Cy left');
    expect(arrivalsText(['Ada', 'Bo', 'Cy', 'Di'], 'joined')).toBe('Ada, Bo, Cy and 1 other joined');
    expect(arrivalsText(['Ada', 'Bo', 'Ada', 'Cy', 'Di', 'Ed'], 'joined')).toBe('Ada, Bo, Cy and 2 others joined');
  });

  it('UX2: a run of joins within the window is one row; a chat line, a leave or the window ends the run', () => {
    const t = 1_000_000;
    const lines = [
      line('join', 'Ada', t),
      line('join', 'Bo', t + 1000),
      line('join', 'Cy', t + 2000),
      line('join', 'Di', t + 3000),
      line('join', 'Ed', t + 4000),
      line('chat', 'Ada', t + 5000),
      line('join', 'Fay', t + 6000),
      line('leave', 'Bo', t + 7000),
      line('leave', 'Cy', t + 8000),
      line('leave', 'Di', t + 9000, 'lost their connection'),
      line('join', 'Gus', t + 10_000),
      line('join', 'Hal', t + 10_000 + ARRIVALS_WINDOW_MS + 1),
    ];
    expect(shown(lines)).toEqual([
      'Ada, Bo, Cy and 2 others joined',
      'Ada: hi',
      'Fay: joined',
      'Bo and Cy left',
      'Di: lost their connection',
      'Gus: joined',
      'Hal: joined',
    ]);
  });

  it('UX2: the VR chat panel shows the same folded rows, the last ones, muted unless chat', () => {
    const t = 2_000_000;
    const lines = [
      line('chat', 'Ada', t),
      line('join', 'Bo', t + 1000),
      line('join', 'Cy', t + 2000),
      line('join', 'Di', t + 3000),
      line('chat', 'Bo', t + 4000, 'morning'),
    ];
    expect(lastRowsText(lines, 2)).toEqual([
      { text: 'Bo, Cy and Di joined', chat: false },
      { text: 'Bo: morning', chat: true },
    ]);
    expect(lastRowsText(lines, 10).map((r) => r.text)).toEqual(['Ada: hi', 'Bo, Cy and Di joined', 'Bo: morning']);
  });
});
