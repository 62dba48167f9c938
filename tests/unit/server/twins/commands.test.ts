/**
 * The command book's side of HD9 (a timed-out command never acts later): a command that could not be
 * sent ends at once, a queued one is withdrawn when it times out, and a device's late answer to it is
 * ignored with one warning line. The timeout is the subject, so timers are faked and advanced.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { CommandBook, NotSent, type CommandSender } from '../../../../server/twins/commands.js';
import { Store } from '../../../../server/store/store.js';
import type { LiveTwin } from '../../../../server/twins/live.js';
import { factoryRuntime } from '../../../support/runtime.js';

const TIMEOUT_MS = 5000;
const actor = { session: 's1', name: 'Ada', space: 'floor' };

let twin: LiveTwin;
let lines: { level: number; msg: string }[];

function book(send: CommandSender): CommandBook {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l) as { level: number; msg: string });
      done();
    },
  });
  const log = pino({ level: 'debug' }, sink);
  // Never opened: its writes wait in its queue, which is all a command needs (ST5).
  const store = new Store({ databaseUrl: undefined, dataDir: undefined, schema: 'unused' }, pino({ level: 'silent' })).commands;
  return new CommandBook(store, send, TIMEOUT_MS, log, () => new Map([['changeTool', { kind: 'mqtt', topic: 't' }]]));
}

beforeEach(async () => {
  vi.useFakeTimers();
  twin = (await factoryRuntime()).get('cnc-1')!;
  lines = [];
});
afterEach(() => {
  vi.useRealTimers();
});

describe('commands that must not act late', () => {
  it('HD9: a command the sender could not send (broker down) ends timed_out at once with the reason', () => {
    const b = book(() => {
      throw new NotSent('not sent: the MQTT broker is unreachable');
    });
    const r = b.invoke(twin, 'changeTool', undefined, actor);
    expect(r.ok).toBe(true);
    const cmd = r.ok ? twin.commands.get(r.command.id) : undefined;
    expect([cmd?.status, cmd?.reason]).toEqual(['timed_out', 'not sent: the MQTT broker is unreachable']);
    vi.advanceTimersByTime(TIMEOUT_MS * 2); // its timer was cancelled: nothing more happens
    expect(twin.commands.get(cmd!.id)?.reason).toBe('not sent: the MQTT broker is unreachable');
  });

  it('HD9: a queued command is withdrawn exactly once when it times out; an answer in time withdraws nothing', () => {
    const withdrawn: string[] = [];
    const b = book((_t, _r, cmd) => () => withdrawn.push(cmd.id));
    const late = b.invoke(twin, 'changeTool', undefined, actor);
    const answered = b.invoke(twin, 'changeTool', undefined, actor);
    if (!late.ok || !answered.ok) throw new Error('not sent');
    expect(b.complete(answered.command.id, 'acknowledged')).toBe(true);
    vi.advanceTimersByTime(TIMEOUT_MS);
    expect(withdrawn).toEqual([late.command.id]);
    expect(twin.commands.get(late.command.id)?.status).toBe('timed_out');
  });

  it('HD9 MQ4: a device answering a timed-out command changes nothing and costs one warning line; repeats are not logged again', () => {
    const b = book(() => undefined);
    const r = b.invoke(twin, 'changeTool', undefined, actor);
    if (!r.ok) throw new Error('not sent');
    vi.advanceTimersByTime(TIMEOUT_MS);
    expect(b.complete(r.command.id, 'acknowledged')).toBe(false);
    expect(b.complete(r.command.id, 'acknowledged')).toBe(false);
    expect(twin.commands.get(r.command.id)?.status).toBe('timed_out');
    expect([b.expiredAnswers, b.lateAnswers]).toEqual([1, 2]);
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings.map((l) => l.msg)).toEqual(['answer to a command that already timed out; ignored']);
  });
});
