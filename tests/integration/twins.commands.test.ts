/**
 * Operating machines together over the real Mosquitto, with commands recorded in the real PostgreSQL
 * (SPEC CMD*, R1, ST1). The test's MQTT client plays the device: it hears commands on the action
 * topic and answers on `<topic>/ack`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { TwinMessageType } from '../../shared/protocol/twinMessages.js';
import { CLOSE_REASONS, CloseCode } from '../../shared/protocol/version.js';
import { join } from '../support/clients.js';
import { DATABASE_URL } from '../support/services.js';
import { propOf, publish, startTwinServer, twinOf, type TwinServer } from '../support/twinServer.js';
import { waitFor, waitForAsync } from '../support/wait.js';

let t: TwinServer;
const PASSCODE = 'op-secret-42';
const heard: { topic: string; body: { id: string; action: string; input: unknown; by: string } }[] = [];

beforeAll(async () => {
  t = await startTwinServer({
    floor: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }] },
    locked: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }], locked: true, operatorPasscode: PASSCODE },
  });
  t.device.on('message', (topic, payload) => heard.push({ topic, body: JSON.parse(payload.toString()) as (typeof heard)[number]['body'] }));
  await t.device.subscribeAsync(t.assets.topic('cnc-1', 'actions', '+'), { qos: 1 });
});
afterAll(async () => {
  await t?.close();
});

/** Longer than the server's command timeout (the product default, 5 s): for waits whose subject it is. */
const PAST_TIMEOUT_MS = 15_000;

const heardFor = (action: string, after = 0) =>
  waitFor(`device to hear ${action}`, () => heard.slice(after).find((h) => h.body.action === action));
const ack = (action: string, id: string, ok: boolean, reason?: string) =>
  publish(t.device, `${t.assets.topic('cnc-1', 'actions', action)}/ack`, { id, ok, ...(reason ? { reason } : {}) });

describe('commands', () => {
  it('CMD1 CMD5 MQ3 MQ4: an operator command reaches the device topic, shows pending with the desired value for everyone, completes on its acknowledgement', async () => {
    const a = await join(t.server.endpoint, { space: 'floor', name: 'Ada' });
    const b = await join(t.server.endpoint, { space: 'floor', name: 'Bo' });
    expect(a.room.state.avatars.get(a.room.sessionId)?.operator).toBe(true);
    await publish(t.device, t.assets.topic('cnc-1', 'properties', 'spindleSpeed'), 4000);
    await waitFor('reported 4000', () => propOf(b, 'cnc-1', 'spindleSpeed')?.num === 4000);
    const mark = heard.length;
    a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'setSpeed', input: { rpm: 6000 } });
    const msg = await heardFor('setSpeed', mark);
    expect(msg.topic).toBe(t.assets.topic('cnc-1', 'actions', 'setSpeed'));
    expect(msg.body.input).toEqual({ rpm: 6000 });
    expect(msg.body.by).toBe('Ada');
    const pending = await waitFor('pending at B', () => twinOf(b, 'cnc-1')?.commands.get(msg.body.id));
    expect(pending.status).toBe('pending');
    expect(pending.byName).toBe('Ada');
    expect(pending.by).toBe(a.room.sessionId);
    expect(JSON.parse(pending.input)).toEqual({ rpm: 6000 });
    expect(propOf(b, 'cnc-1', 'spindleSpeed')?.desired).toBe('6000');

    await ack('setSpeed', msg.body.id, true);
    await waitFor('acknowledged at A and B', () =>
      [a, b].every((c) => twinOf(c, 'cnc-1')?.commands.get(msg.body.id)?.status === 'acknowledged'),
    );
    expect(twinOf(b, 'cnc-1')!.commands.get(msg.body.id)!.doneAt).toBeGreaterThan(0);
    // Desired and reported both visible while they differ; the desired value goes once reached.
    expect(propOf(b, 'cnc-1', 'spindleSpeed')?.desired).toBe('6000');
    await publish(t.device, t.assets.topic('cnc-1', 'properties', 'spindleSpeed'), 5980);
    await waitFor('desired cleared within tolerance', () => propOf(b, 'cnc-1', 'spindleSpeed')?.desired === '');
    expect(a.errors).toEqual([]);
    await a.room.leave();
    await b.room.leave();
  });

  it('CMD2: a device refusal is shown with its reason; the desired value goes away', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const mark = heard.length;
    a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'setSpeed', input: { rpm: 9000 } });
    const msg = await heardFor('setSpeed', mark);
    await waitFor('desired shown', () => propOf(a, 'cnc-1', 'spindleSpeed')?.desired === '9000');
    await ack('setSpeed', msg.body.id, false, 'guard door open');
    const done = await waitFor('refused', () => {
      const c = twinOf(a, 'cnc-1')?.commands.get(msg.body.id);
      return c?.status === 'refused' ? c : undefined;
    });
    expect(done.reason).toBe('guard door open');
    await waitFor('desired cleared', () => propOf(a, 'cnc-1', 'spindleSpeed')?.desired === '');
    await a.room.leave();
  });

  it('CMD4: a command nobody answers times out for everyone', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const b = await join(t.server.endpoint, { space: 'floor' });
    const mark = heard.length;
    a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'changeTool' });
    const msg = await heardFor('changeTool', mark);
    expect(msg.body.input).toBeNull();
    await waitFor(
      'timed out at A and B',
      () => [a, b].every((c) => twinOf(c, 'cnc-1')?.commands.get(msg.body.id)?.status === 'timed_out'),
      PAST_TIMEOUT_MS,
    );
    expect(twinOf(b, 'cnc-1')!.commands.get(msg.body.id)!.reason).toMatch(/no answer/);
    // A late answer changes nothing.
    await ack('changeTool', msg.body.id, true);
    await waitFor('late answer counted', () => t.server.twins.commands.lateAnswers > 0);
    expect(twinOf(a, 'cnc-1')!.commands.get(msg.body.id)!.status).toBe('timed_out');
    await a.room.leave();
    await b.room.leave();
  });

  it('CMD3: unknown twins and actions and inputs that break the action schema are refused by name; nothing is sent', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const mark = heard.length;
    a.room.send(TwinMessageType.Command, { twin: 'pump-1', action: 'start' }); // not placed in this space
    await waitFor('twin.unknown', () => a.errors.find((e) => e.code === 'twin.unknown'));
    a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'selfDestruct' });
    await waitFor('twin.unknown_action', () => a.errors.find((e) => e.code === 'twin.unknown_action'));
    a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'setSpeed', input: { rpm: 99999 } });
    const bad = await waitFor('twin.invalid_input', () => a.errors.find((e) => e.code === 'twin.invalid_input'));
    expect(bad.message).toMatch(/rpm/);
    expect(bad.message).toMatch(/12000/);
    expect(bad.ref).toBe('twin.command');
    expect(heard.length).toBe(mark);
    await a.room.leave();
  });

  it('CMD3: input to an action that takes none is refused by name; nothing is sent', async () => {
    // A session of its own: M5 reports one twin.invalid_input a second per session.
    const a = await join(t.server.endpoint, { space: 'floor' });
    const mark = heard.length;
    a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'start', input: 'now' });
    const refusal = await waitFor('twin.invalid_input', () => a.errors.find((e) => e.code === 'twin.invalid_input'));
    expect(refusal.message).toMatch(/takes no input/);
    expect(heard.length).toBe(mark);
    await a.room.leave();
  });

  it('CMD3: with four commands waiting for the machine, a fifth is refused with twin.busy', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    for (let i = 0; i < 5; i++) a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'start' });
    await waitFor('twin.busy', () => a.errors.find((e) => e.code === 'twin.busy'));
    const starts = () => [...twinOf(a, 'cnc-1')!.commands.values()].filter((c) => c.action === 'start');
    await waitFor('four pending in the state', () => starts().filter((c) => c.status === 'pending').length === 4);
    expect(starts()).toHaveLength(4);
    await waitFor(
      'all four time out',
      () => [...twinOf(a, 'cnc-1')!.commands.values()].every((c) => c.status !== 'pending'),
      PAST_TIMEOUT_MS,
    );
    await a.room.leave();
  });

  it('R1: in a locked space a viewer is refused with a reason; who joined with the operator passcode may operate; a wrong passcode is refused at the door; everyone sees who is an operator', async () => {
    const viewer = await join(t.server.endpoint, { space: 'locked', name: 'Viewer' });
    const op = await join(t.server.endpoint, { space: 'locked', name: 'Op', passcode: PASSCODE });
    await expect(join(t.server.endpoint, { space: 'locked', name: 'Guess', passcode: 'not-it' })).rejects.toMatchObject({
      code: CloseCode.BAD_PASSCODE,
      message: CLOSE_REASONS[CloseCode.BAD_PASSCODE],
    });
    expect(viewer.room.state.space.locked).toBe(true);
    await waitFor('operator flag', () => viewer.room.state.avatars.get(op.room.sessionId)?.operator === true);
    expect(viewer.room.state.avatars.get(viewer.room.sessionId)?.operator).toBe(false);
    expect(viewer.room.state.avatars.size).toBe(2);

    const mark = heard.length;
    viewer.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'stop' });
    const refusal = await waitFor('twin.not_operator', () => viewer.errors.find((e) => e.code === 'twin.not_operator'));
    expect(refusal.message).toMatch(/operator passcode/);

    op.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'stop' });
    const msg = await heardFor('stop', mark);
    expect(msg.body.by).toBe('Op');
    expect(heard.slice(mark).filter((h) => h.body.action === 'stop')).toHaveLength(1);
    await ack('stop', msg.body.id, true);
    await waitFor('acknowledged, seen by the viewer', () => twinOf(viewer, 'cnc-1')?.commands.get(msg.body.id)?.status === 'acknowledged');
    for (const c of [viewer, op]) await c.room.leave();
  });

  it('ST1: commands are recorded in PostgreSQL with who, what, input, outcome and times', async () => {
    const a = await join(t.server.endpoint, { space: 'floor', name: 'Recorder' });
    const mark = heard.length;
    a.room.send(TwinMessageType.Command, { twin: 'cnc-1', action: 'setSpeed', input: { rpm: 1234 } });
    const msg = await heardFor('setSpeed', mark);
    await ack('setSpeed', msg.body.id, true);
    const rec = await waitForAsync('recorded outcome over HTTP', async () => {
      const body = (await (await fetch(`${t.base}/api/twins/cnc-1/commands`)).json()) as { commands: { id: string; status: string }[] };
      const c = body.commands.find((x) => x.id === msg.body.id);
      return c?.status === 'acknowledged' ? c : undefined;
    });
    expect(rec).toMatchObject({ action: 'setSpeed', input: { rpm: 1234 }, byName: 'Recorder', space: 'floor', twin: 'cnc-1' });
    const db = new pg.Client({ connectionString: DATABASE_URL });
    await db.connect();
    try {
      const { rows } = await db.query(`SELECT status, by_name, input, at, done_at FROM "${t.schema}".twin_commands WHERE id = $1`, [
        msg.body.id,
      ]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ status: 'acknowledged', by_name: 'Recorder', input: { rpm: 1234 } });
      expect((rows[0] as { done_at: Date }).done_at.getTime()).toBeGreaterThanOrEqual((rows[0] as { at: Date }).at.getTime());
      const v = await db.query(`SELECT max(version) AS v FROM "${t.schema}".schema_version`);
      expect(v.rows[0]).toEqual({ v: 1 });
    } finally {
      await db.end();
    }
    await a.room.leave();
  });
});
