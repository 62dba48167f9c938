/**
 * A machine's memory in real browsers (SPEC AK4, AU7, NT6): an alarm acknowledged in page A shows
 * "acknowledged by" in page B, apart from the new ones, and both pages' activity feeds say it in words;
 * a note written beside the open panel reaches B's feed and the notes API.
 * The machines speak MQTT under a topic prefix of this run, so no other test's telemetry reaches them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startE2E, type E2E } from '../support/e2e.js';
import { MQTT_URL, requireService, uniqueName } from '../support/services.js';
import { makeTwinAssets, type TwinAssets } from '../support/twinAssets.js';

let e2e: E2E;
let device: MqttClient;
let assets: TwinAssets;

beforeAll(async () => {
  await requireService('mosquitto');
  assets = makeTwinAssets(uniqueName('e2emem'), { 'e2e-memory': { twins: [{ twin: 'pump-1', position: [0, 0, 3] }] } });
  e2e = await startE2E({}, { MQTT_URL, SIMULATOR: 'off', ASSETS_DIR: assets.dir });
  device = await mqtt.connectAsync(MQTT_URL, { clientId: `e2e-memory-${process.pid}` });
});
afterAll(async () => {
  await device?.endAsync();
  await e2e?.close();
  assets?.remove();
});

describe('machine memory (e2e)', () => {
  it('AK4 AU7 NT6: Ada acknowledges an alarm with its button; Bob sees it acknowledged by Ada, apart from new alarms, and both feeds say so; Ada writes a note', async () => {
    const a = await e2e.join('?space=e2e-memory&name=Ada', { width: 640, height: 400 });
    const b = await e2e.join('?space=e2e-memory&name=Bob', { width: 640, height: 400 });
    await device.publishAsync(assets.topic('pump-1', 'properties', 'outletPressure'), JSON.stringify({ value: 9.5, ts: Date.now() }), {
      qos: 1,
    });
    for (const p of [a, b])
      await p.page.waitForFunction(
        () => window.twinverse!.features.twins!.alarmRows().some((r) => r.includes('Outlet pressure high')),
        undefined,
        { timeout: 30_000 },
      );
    // In VR the wrist menu offers it too, while a new alarm waits.
    await b.page.waitForFunction(() => window.twinverse!.features.twins!.menuAckLabel() === 'Acknowledge (1)');
    // A new alarm offers the button to operators (everyone is one in an open space).
    const button = a.page.locator('button.ack[data-alarm="pump-1/pressureHigh"]');
    await button.click();
    await b.page.waitForFunction(
      () => window.twinverse!.features.twins!.alarmRows().some((r) => /Outlet pressure high.*acknowledged by Ada \d\d:\d\d/.test(r)),
      undefined,
      { timeout: 15_000 },
    );
    // Apart: in the acknowledged list, no longer among the new ones, and without a button.
    expect(await b.page.locator('#alarm-acknowledged li').count()).toBe(1);
    expect(await b.page.locator('#alarm-list li').count()).toBe(0);
    expect(await b.page.locator('button.ack').count()).toBe(0);
    expect(await b.page.evaluate(() => window.twinverse!.features.twins!.menuAckLabel())).toBeNull();
    for (const p of [a, b])
      await p.page.waitForFunction(
        () =>
          window
            .twinverse!.features.twins!.activityLines()
            .some((l) => l.endsWith('Ada acknowledged Outlet pressure high on Coolant pump 1')),
        undefined,
        { timeout: 15_000 },
      );
    await e2e.shot(b.page, 'memory-acknowledged');

    // A note from the form beside the open panel: Bob's feed tells it, the notes API keeps it (NT6).
    await a.page.evaluate(() => window.twinverse!.features.twins!.openPanel('pump-1'));
    await a.page.locator('#note-form h2', { hasText: 'Note on Coolant pump 1' }).waitFor();
    await a.page.selectOption('#note-kind', 'maintenance');
    await a.page.fill('#note-text', 'Seal replaced, no more drips');
    await e2e.shot(a.page, 'memory-note-form');
    await a.page.click('#note-save');
    await b.page.waitForFunction(
      () => window.twinverse!.features.twins!.activityLines().some((l) => l.endsWith('Ada added a maintenance note to Coolant pump 1')),
      undefined,
      { timeout: 15_000 },
    );
    await e2e.server.store.drained();
    const notes = (await (await fetch(`${e2e.server.url.replace('localhost', '127.0.0.1')}/api/twins/pump-1/notes`)).json()) as {
      notes: { kind: string; text: string; by: string }[];
    };
    expect(notes.notes[0]).toMatchObject({ kind: 'maintenance', text: 'Seal replaced, no more drips', by: 'Ada' });
    // Refused before sending: an empty note is told at once.
    await a.page.fill('#note-text', '   ');
    await a.page.click('#note-save');
    await a.page.locator('#note-status', { hasText: 'at least one visible character' }).waitFor();
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
  });
});
