/**
 * The space record and the store (SPEC RS1, RS2, RS7): every change is handed on in order; a saved
 * record is merged in before anyone is greeted; when the store cannot answer the room serves from
 * memory with ids above any saved one, and a late answer is merged in, older lines and strokes first.
 */
import { describe, expect, it } from 'vitest';
import type { ChatLine } from '../../../../shared/protocol/chat.js';
import type { Stroke } from '../../../../shared/protocol/board.js';
import { SpaceMemory } from '../../../../server/meeting/memory.js';
import type { SpacePersistence } from '../../../../server/meeting/spacePersistence.js';
import type { SavedSpace } from '../../../../server/store/meetingTables.js';

const line = (id: number, text: string): ChatLine => ({ id, at: id, kind: 'chat', from: 's', name: 'Ada', color: '#ff0000', text });
const stroke = (id: number): Stroke => ({ id, by: 's', color: '#ff0000', width: 4, points: [id, id] });

/** A persistence whose load the test answers, recording every save. */
function fake(durable = false) {
  const saves: string[] = [];
  let answer: (s: SavedSpace) => void = () => undefined;
  let fail: (e: Error) => void = () => undefined;
  const p: SpacePersistence = {
    durable,
    ready: () => true,
    load: () =>
      new Promise<SavedSpace>((resolve, reject) => {
        answer = resolve;
        fail = reject;
      }),
    chatLine: (space, l) => saves.push(`${space} chat ${l.id} ${l.text}`),
    strokePiece: (space, s, points) => saves.push(`${space} stroke ${s.id} +${points.length / 2}`),
    erased: (space, ids) => saves.push(`${space} erase ${ids.join(',')}`),
    cleared: (space) => saves.push(`${space} clear`),
    lock: (space, locked) => saves.push(`${space} lock ${locked}`),
    // Visits (RS8) are checked against the real stores (tests/integration/spaces.prune.test.ts).
    visited: () => undefined,
  };
  return { p, saves, answer: (s: SavedSpace) => answer(s), fail: (e: Error) => fail(e) };
}

describe('space memory and the store', () => {
  it('RS1 RS2: restores the saved chat, board and lock, continues the ids, and hands every change on in order', async () => {
    const f = fake();
    const m = new SpaceMemory(10, f.p);
    const loading = m.load('hall');
    f.answer({ chat: [line(1, 'a'), line(2, 'b')], strokes: [stroke(1), stroke(3)], locked: true });
    await loading;
    const r = m.open('hall');
    expect(r.chat.recent(10).map((l) => l.text)).toEqual(['a', 'b']);
    expect(r.board.snapshot()[0]!.map((s) => s.id)).toEqual([1, 3]);
    expect(r.lock.saved).toBe(true);
    expect(r.chat.append({ at: 5, kind: 'chat', from: 's', name: 'Ada', color: '#ff0000', text: 'c' }).id).toBe(3);
    expect(r.board.piece('s', { key: 1, color: '#ff0000', width: 4, points: [1, 2, 3, 4], end: false }).piece?.id).toBe(4);
    r.board.piece('s', { key: 1, color: '#ff0000', width: 4, points: [5, 6], end: true });
    r.board.erase([1, 99]);
    r.board.clear();
    r.saveLock(false);
    expect(f.saves).toEqual(['hall chat 3 c', 'hall stroke 4 +2', 'hall stroke 4 +1', 'hall erase 1', 'hall clear', 'hall lock false']);
  });

  it('RS7: a store that cannot answer leaves the room serving from memory, ids above any saved one; a later answer is merged in first', async () => {
    const f = fake();
    const m = new SpaceMemory(10, f.p);
    const waited = m.load('hall', 10);
    await waited;
    const r = m.open('hall');
    const fresh = r.chat.append({ at: 5, kind: 'chat', from: 's', name: 'Ada', color: '#ff0000', text: 'new' });
    expect(fresh.id).toBeGreaterThan(1_000_000);
    const drawn = r.board.piece('s', { key: 1, color: '#ff0000', width: 4, points: [1, 2], end: true }).piece!.id;
    f.answer({ chat: [line(7, 'old')], strokes: [stroke(7)], locked: null });
    await m.load('hall');
    expect(r.chat.recent(10).map((l) => l.text)).toEqual(['old', 'new']);
    expect(r.board.snapshot()[0]!.map((s) => s.id)).toEqual([7, drawn]);
    expect(r.lock.saved).toBe(null);
  });

  it('RS7: with a reachable store an idle space is forgotten, and the next room loads what the store has', async () => {
    const f = fake(true);
    const m = new SpaceMemory(10, f.p);
    const first = m.load('hall');
    f.answer({ chat: [line(1, 'mine')], strokes: [], locked: null });
    await first;
    m.open('hall');
    m.release('hall');
    expect(m.has('hall')).toBe(false);
    // Another process served the space meanwhile: its lines are what comes back.
    const second = m.load('hall');
    f.answer({ chat: [line(1, 'mine'), line(2, 'theirs')], strokes: [], locked: null });
    await second;
    expect(
      m
        .open('hall')
        .chat.recent(10)
        .map((l) => l.text),
    ).toEqual(['mine', 'theirs']);
  });

  it('RS7: a failed load is tried again by the next room that opens the space', async () => {
    const f = fake();
    const m = new SpaceMemory(10, f.p);
    const first = m.load('hall');
    f.fail(new Error('the store is unreachable'));
    await first;
    const second = m.load('hall');
    f.answer({ chat: [line(1, 'back')], strokes: [], locked: false });
    await second;
    expect(
      m
        .open('hall')
        .chat.recent(10)
        .map((l) => l.text),
    ).toEqual(['back']);
  });
});
