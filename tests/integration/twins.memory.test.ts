/**
 * A machine's memory over the wire, with the real Mosquitto and PostgreSQL (SPEC AK1–AK3, NT1, NT2,
 * NT4, NT5, AU1–AU5): acknowledging alarms, lifecycle notes, the audit log and its API, the activity
 * feed. The test's MQTT client plays the devices.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { ActivityMessage } from '../../shared/protocol/activity.js';
import type { TwinNoteAddedMessage } from '../../shared/protocol/twinMemory.js';
import { member, type Member } from '../support/inbox.js';
import { DATABASE_URL } from '../support/services.js';
import { publish, startTwinServer, type TwinServer } from '../support/twinServer.js';
import { waitFor, waitForAsync } from '../support/wait.js';

let t: TwinServer;
const PASSCODE = 'op-secret-42';
const heard: { topic: string; body: { id: string; action: string } }[] = [];

beforeAll(async () => {
  t = await startTwinServer({
    floor: {
      twins: [
        { twin: 'cnc-1', position: [0, 0, -3] },
        { twin: 'pump-1', position: [3, 0, -3] },
      ],
    },
    locked: { twins: [{ twin: 'pump-1', position: [0, 0, -3] }], locked: true, operatorPasscode: PASSCODE },
    locked2: { twins: [{ twin: 'pump-1', position: [0, 0, -3] }], locked: true, operatorPasscode: PASSCODE },
    audited: {
      twins: [
        { twin: 'cnc-1', position: [0, 0, -3] },
        { twin: 'pump-1', position: [3, 0, -3] },
      ],
    },
    elsewhere: { twins: [{ twin: 'conveyor-1', position: [0, 0, -3] }] },
  });
  t.device.on('message', (topic, payload) => heard.push({ topic, body: JSON.parse(payload.toString()) as (typeof heard)[number]['body'] }));
  await t.device.subscribeAsync(t.assets.topic('cnc-1', 'actions', '+'), { qos: 1 });
});
afterAll(async () => {
  await t?.close();
});

const alarmOf = (m: Member, twin: string, id: string) => m.room.state.twins.get(twin)?.alarms.get(id);
const get = async <T>(path: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${t.base}${path}`);
  return { status: res.status, body: (await res.json()) as T };
};

interface AuditRow {
  id: number;
  at: number;
  space: string;
  twin: string;
  kind: string;
  actor: { session: string; name: string };
  subject: string;
  detail: Record<string, unknown>;
}
interface AuditPage {
  entries: AuditRow[];
  next: string | null;
}

/** Raises pump-1's `pressureHigh` (MQTT-fed here: it stays raised until a lower reading). */
async function raisePressure(m: Member, value = 9.5): Promise<void> {
  await publish(t.device, t.assets.topic('pump-1', 'properties', 'outletPressure'), value);
  await waitFor('pressureHigh raised', () => alarmOf(m, 'pump-1', 'pressureHigh'));
}
async function clearPressure(m: Member): Promise<void> {
  await publish(t.device, t.assets.topic('pump-1', 'properties', 'outletPressure'), 3);
  await waitFor('pressureHigh cleared', () => !alarmOf(m, 'pump-1', 'pressureHigh'));
}

describe('alarm acknowledgement', () => {
  it('AK1 AK3 AU5: an operator acknowledges; a second client sees who and when; the alarm API says by whom; the feed says it in words', async () => {
    const a = await member(t.server.endpoint, { space: 'floor', name: 'Ada' });
    const b = await member(t.server.endpoint, { space: 'floor', name: 'Bob' });
    const from = Date.now() - 1;
    await raisePressure(b);
    expect(alarmOf(b, 'pump-1', 'pressureHigh')!.ackAt).toBe(0);
    a.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    const seen = await waitFor('B sees the acknowledgement', () => {
      const al = alarmOf(b, 'pump-1', 'pressureHigh');
      return al && al.ackAt > 0 ? al : undefined;
    });
    expect(seen.ackByName).toBe('Ada');
    expect(seen.ackBy).toBe(a.id);
    expect(seen.ackAt).toBeGreaterThanOrEqual(from);
    const feed = await b.next<ActivityMessage>('activity');
    expect(feed).toMatchObject({
      kind: 'alarm_ack',
      actor: 'Ada',
      twin: 'pump-1',
      twinTitle: 'Coolant pump 1',
      subject: 'Outlet pressure high',
    });

    const events = await waitForAsync('the acknowledgement persisted', async () => {
      const r = await get<{ events: { kind: string; by: { name: string; session: string } | null; alarm: string }[] }>(
        `/api/twins/pump-1/alarms?from=${from}`,
      );
      return r.body.events.find((e) => e.kind === 'acknowledged');
    });
    expect(events).toMatchObject({ alarm: 'pressureHigh', by: { name: 'Ada', session: a.id } });
    // A new raising is a new alarm: nobody has acknowledged it.
    await clearPressure(b);
    await raisePressure(b);
    expect(alarmOf(b, 'pump-1', 'pressureHigh')!.ackAt).toBe(0);
    await clearPressure(b);
    expect(a.errors).toEqual([]);
    await a.room.leave();
    await b.room.leave();
  });

  it('AK2: a viewer is refused by name and nothing changes; the host may; twice or a cleared alarm is refused by name', async () => {
    // The first to open a space is its host; without the operator passcode nobody else operates it.
    const host = await member(t.server.endpoint, { space: 'locked', name: 'Hal' });
    const viewer = await member(t.server.endpoint, { space: 'locked', name: 'Vic' });
    expect(host.room.state.avatars.get(host.id)?.operator).toBe(false);
    expect(host.room.state.avatars.get(host.id)?.host).toBe(true);
    await raisePressure(viewer);
    viewer.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    const refused = await viewer.refused('twin.operators_only');
    expect(refused.ref).toBe('twin.alarm_ack');
    await viewer.roundTrip();
    expect(alarmOf(viewer, 'pump-1', 'pressureHigh')!.ackAt).toBe(0);

    host.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    await waitFor('acknowledged by the host', () => alarmOf(viewer, 'pump-1', 'pressureHigh')?.ackByName === 'Hal');
    host.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    expect((await host.refused('twin.alarm_acknowledged')).message).toMatch(/already/);
    host.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'bearingHot' });
    await host.refused('twin.unknown_alarm');
    host.room.send('twin.alarm_ack', { twin: 'cnc-1', alarm: 'pressureHigh' });
    await host.refused('twin.unknown');
    await clearPressure(viewer);
    await host.room.leave();
    await viewer.room.leave();
  });
});

describe('lifecycle notes', () => {
  it('NT2 NT4: a note reaches everyone in the space, and the notes API gives it back newest first in exactly that shape', async () => {
    const a = await member(t.server.endpoint, { space: 'floor', name: 'Ada' });
    const b = await member(t.server.endpoint, { space: 'floor', name: 'Bob' });
    const from = Date.now() - 1;
    a.room.send('twin.note', { twin: 'cnc-1', kind: 'maintenance', text: '  Replaced the coolant filter.\r\nNext check in 3 months.  ' });
    const added = await b.next<TwinNoteAddedMessage>('twin.note_added');
    expect(added.twin).toBe('cnc-1');
    expect(added.note).toMatchObject({ kind: 'maintenance', text: 'Replaced the coolant filter.\nNext check in 3 months.', by: 'Ada' });
    expect(added.note.at).toBeGreaterThanOrEqual(from);
    a.room.send('twin.note', { twin: 'cnc-1', kind: 'observation', text: 'Spindle sounds rough above 8000 rpm' });
    const second = await b.next<TwinNoteAddedMessage>('twin.note_added', 2);
    expect((await b.next<ActivityMessage>('activity', 1)).kind).toBe('note');

    const notes = await waitForAsync('both notes persisted', async () => {
      const r = await get<{ twin: string; notes: unknown[] }>(`/api/twins/cnc-1/notes?from=${from}`);
      return r.body.notes.length === 2 ? r.body : undefined;
    });
    expect(notes).toEqual({ twin: 'cnc-1', notes: [second.note, added.note] });
    const one = await get<{ notes: { id: string }[] }>(`/api/twins/cnc-1/notes?from=${from}&limit=1`);
    expect(one.body.notes.map((n) => n.id)).toEqual([second.note.id]);
    const none = await get<{ notes: unknown[] }>(`/api/twins/cnc-1/notes?from=${from}&to=${from}`);
    expect(none.body.notes).toEqual([]);
    expect(a.errors).toEqual([]);
    await a.room.leave();
    await b.room.leave();
  });

  it('NT1: an empty, too long or disguised note and a viewer’s note are refused by name; nothing is kept', async () => {
    const host = await member(t.server.endpoint, { space: 'locked2', name: 'Hal' });
    const viewer = await member(t.server.endpoint, { space: 'locked2', name: 'Vic' });
    const from = Date.now() - 1;
    viewer.room.send('twin.note', { twin: 'pump-1', kind: 'observation', text: 'leaking' });
    await viewer.refused('twin.operators_only');
    host.room.send('twin.note', { twin: 'pump-1', kind: 'observation', text: ' \n\t ' });
    await host.refused('note.empty');
    host.room.send('twin.note', { twin: 'pump-1', kind: 'observation', text: 'x'.repeat(2001) });
    await host.refused('note.too_long');
    host.room.send('twin.note', { twin: 'pump-1', kind: 'observation', text: 'fine\u202Eenif' });
    await host.refused('note.bad_characters');
    // A kind outside the four is refused at the edge (the viewer's: the host has spent its burst of 3).
    viewer.room.send('twin.note', { twin: 'pump-1', kind: 'repainted', text: 'blue now' });
    await viewer.refused('message.invalid');
    await host.roundTrip();
    await viewer.roundTrip();
    expect(viewer.of('twin.note_added')).toEqual([]);
    await t.server.store.drained();
    expect((await get<{ notes: unknown[] }>(`/api/twins/pump-1/notes?from=${from}`)).body.notes).toEqual([]);
    await host.room.leave();
    await viewer.room.leave();
  });

  it('NT4 NT5: the notes API refuses bad parameters by name; /api/twins shows a commissioning date when the definition has one', async () => {
    const cases: [string, number, string][] = [
      ['/api/twins/nope/notes', 404, 'unknown_twin'],
      ['/api/twins/cnc-1/notes?from=yesterday', 400, 'invalid_time'],
      ['/api/twins/cnc-1/notes?from=now&to=now-1h', 400, 'invalid_range'],
      ['/api/twins/cnc-1/notes?limit=0', 400, 'invalid_limit'],
      ['/api/twins/cnc-1/notes?limit=1001', 400, 'invalid_limit'],
      ['/api/twins/cnc-1/notes?limit=1&limit=2', 400, 'invalid_parameter'],
    ];
    for (const [path, status, error] of cases) {
      const r = await get<{ error: string; message: string }>(path);
      expect({ path, status: r.status, error: r.body.error }).toEqual({ path, status, error });
      expect(r.body.message.length).toBeGreaterThan(0);
    }
    const list = await get<{ twins: { id: string; commissioned: string | null }[] }>('/api/twins');
    const byId = Object.fromEntries(list.body.twins.map((x) => [x.id, x.commissioned]));
    expect(byId).toMatchObject({ 'pump-1': '2021-06-14', 'cnc-1': '2019-03-04', 'conveyor-1': null });
  });
});

describe('audit log', () => {
  it('AU1 AU5: commands with their outcome, acknowledgements, notes, part drops and host actions are audited; the feed tells the space, not others', async () => {
    const from = Date.now() - 1;
    const a = await member(t.server.endpoint, { space: 'audited', name: 'Ada' });
    const b = await member(t.server.endpoint, { space: 'audited', name: 'Bob' });
    const far = await member(t.server.endpoint, { space: 'elsewhere', name: 'Eve' });
    expect(a.room.state.avatars.get(a.id)?.host).toBe(true);

    const mark = heard.length;
    a.room.send('twin.command', { twin: 'cnc-1', action: 'setSpeed', input: { rpm: 5000 } });
    const cmd = await waitFor('device hears setSpeed', () => heard.slice(mark).find((h) => h.body.action === 'setSpeed'));
    await publish(t.device, `${t.assets.topic('cnc-1', 'actions', 'setSpeed')}/ack`, { id: cmd.body.id, ok: true });
    await waitFor('acknowledged', () => a.room.state.twins.get('cnc-1')?.commands.get(cmd.body.id)?.status === 'acknowledged');
    await raisePressure(a);
    a.room.send('twin.alarm_ack', { twin: 'pump-1', alarm: 'pressureHigh' });
    a.room.send('twin.note', { twin: 'pump-1', kind: 'inspection', text: 'Seal checked' });
    a.room.send('twin.grab', { twin: 'cnc-1', part: 'cover' });
    await waitFor('cover held', () => a.room.state.twins.get('cnc-1')?.parts.get('cover')?.holder === a.id);
    a.room.send('twin.release', { twin: 'cnc-1', part: 'cover' });
    a.room.send('meeting.mute', { target: b.id });
    a.room.send('meeting.lock', { locked: true });
    a.room.send('meeting.lock', { locked: false });
    a.room.send('meeting.kick', { target: b.id });
    await waitFor('B removed', () => b.closed !== null);
    await a.roundTrip();
    await clearPressure(a);

    const kinds = ['command', 'alarm_ack', 'note', 'part_move', 'mute', 'lock', 'unlock', 'remove'];
    const feed = await waitFor('A hears every action', () => {
      const got = a.of<ActivityMessage>('activity');
      return kinds.every((k) => got.some((x) => x.kind === k)) ? got : undefined;
    });
    expect(feed.find((x) => x.kind === 'command')).toMatchObject({ actor: 'Ada', twinTitle: 'CNC mill 1', subject: 'Set spindle speed' });
    expect(feed.find((x) => x.kind === 'mute')).toMatchObject({ actor: 'Ada', twin: '', subject: 'Bob' });
    expect(feed.some((x) => x.kind === 'command_result')).toBe(false);
    // Another space showing none of these machines hears none of it.
    await far.roundTrip();
    expect(far.of('activity')).toEqual([]);

    await t.server.store.drained();
    const page = await get<AuditPage>(`/api/audit?space=audited&from=${from}&limit=500`);
    const rows = page.body.entries;
    const byKind = (k: string) => rows.filter((r) => r.kind === k);
    expect(byKind('command')[0]).toMatchObject({
      twin: 'cnc-1',
      actor: { name: 'Ada', session: a.id },
      subject: 'Set spindle speed',
      detail: { command: cmd.body.id, action: 'setSpeed', input: { rpm: 5000 } },
    });
    expect(byKind('command_result')[0]).toMatchObject({ twin: 'cnc-1', detail: { command: cmd.body.id, status: 'acknowledged' } });
    expect(byKind('alarm_ack')[0]).toMatchObject({ twin: 'pump-1', subject: 'Outlet pressure high', detail: { alarm: 'pressureHigh' } });
    expect(byKind('note')[0]).toMatchObject({ twin: 'pump-1', subject: 'inspection', detail: { text: 'Seal checked' } });
    expect(byKind('part_move')[0]).toMatchObject({ twin: 'cnc-1', subject: 'cover' });
    expect(byKind('part_move')[0]!.detail.p).toHaveLength(3);
    for (const k of ['mute', 'remove']) expect(byKind(k)[0]).toMatchObject({ twin: '', subject: 'Bob', actor: { name: 'Ada' } });
    expect(byKind('lock')).toHaveLength(1);
    expect(byKind('unlock')).toHaveLength(1);
    // Newest first: ids fall down the page.
    expect(rows.map((r) => r.id)).toEqual([...rows.map((r) => r.id)].sort((x, y) => y - x));
    const onCnc = await get<AuditPage>(`/api/audit?twin=cnc-1&from=${from}`);
    expect(new Set(onCnc.body.entries.map((r) => r.twin))).toEqual(new Set(['cnc-1']));
    await a.room.leave();
    await far.room.leave();
  });

  it('AU2: pages of `limit` entries follow `next` until the last one, without gaps or repeats', async () => {
    const a = await member(t.server.endpoint, { space: 'floor', name: 'Pat' });
    const from = Date.now() - 1;
    // Three: the burst a person may write at once.
    for (let i = 0; i < 3; i++) a.room.send('twin.note', { twin: 'cnc-1', kind: 'observation', text: `reading ${i}` });
    await waitFor('three notes echoed', () => a.of('twin.note_added').length === 3 || undefined);
    await t.server.store.drained();
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r: { status: number; body: AuditPage } = await get<AuditPage>(
        `/api/audit?twin=cnc-1&from=${from}&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(r.status).toBe(200);
      expect(r.body.entries).toHaveLength(1);
      seen.push(...r.body.entries.map((e) => e.id));
      cursor = r.body.next;
      pages++;
    } while (cursor !== null);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(3);
    const notes = (await get<AuditPage>(`/api/audit?twin=cnc-1&from=${from}`)).body.entries;
    expect(notes.map((e) => e.id)).toEqual(seen);
    expect(notes.map((e) => e.detail.text)).toEqual(['reading 2', 'reading 1', 'reading 0']);
    expect(a.errors).toEqual([]);
    await a.room.leave();
  });

  it('AU3 AU4: bad parameters are refused by name; no method changes the log, and neither can SQL', async () => {
    const cases: [string, number, string][] = [
      ['/api/audit?limit=0', 400, 'invalid_limit'],
      ['/api/audit?limit=501', 400, 'invalid_limit'],
      ['/api/audit?limit=ten', 400, 'invalid_limit'],
      ['/api/audit?cursor=abc', 400, 'invalid_cursor'],
      ['/api/audit?cursor=0', 400, 'invalid_cursor'],
      ['/api/audit?from=last%20week', 400, 'invalid_time'],
      ['/api/audit?from=now&to=now-1d', 400, 'invalid_range'],
      ['/api/audit?space=Bad%20Space', 400, 'invalid_space'],
      ['/api/audit?twin=..%2Fetc', 400, 'invalid_twin'],
      ['/api/audit?twin=a&twin=b', 400, 'invalid_parameter'],
    ];
    for (const [path, status, error] of cases) {
      const r = await get<{ error: string; message: string }>(path);
      expect({ path, status: r.status, error: r.body.error }).toEqual({ path, status, error });
    }
    for (const [method, path] of [
      ['POST', '/api/audit'],
      ['PUT', '/api/audit'],
      ['PATCH', '/api/audit/1'],
      ['DELETE', '/api/audit'],
      ['DELETE', '/api/audit/1'],
    ] as const) {
      const res = await fetch(`${t.base}${path}`, { method, headers: { 'content-type': 'application/json' }, body: '{}' });
      expect({ method, path, status: res.status, error: ((await res.json()) as { error: string }).error }).toEqual({
        method,
        path,
        status: 405,
        error: 'append_only',
      });
    }
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    try {
      await expect(db.query(`UPDATE "${t.schema}".audit SET actor_name = 'Mallory'`)).rejects.toThrow(/append-only/);
      await expect(db.query(`DELETE FROM "${t.schema}".audit`)).rejects.toThrow(/append-only/);
      await expect(db.query(`TRUNCATE "${t.schema}".audit`)).rejects.toThrow(/append-only/);
    } finally {
      await db.end();
    }
  });
});
