/**
 * The factory's machines in real browsers, fed by the real Mosquitto: the test plays the machines'
 * side (publishes telemetry on the TDs' topics, answers commands on `<topic>/ack`), as a device would.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import { startE2E, type E2E } from '../support/e2e.js';
import { MQTT_URL, requireService } from '../support/services.js';

const BASE = 'twinverse/factory';
let e2e: E2E;
let device: MqttClient;

beforeAll(async () => {
  await requireService('mosquitto');
  // Machines speak MQTT only here: what the test publishes is all they report.
  e2e = await startE2E({}, { MQTT_URL, SIMULATOR: 'off', COMMAND_TIMEOUT_MS: '8000' });
  device = await mqtt.connectAsync(MQTT_URL, { clientId: `e2e-device-${process.pid}` });
  await device.subscribeAsync(`${BASE}/+/actions/+`);
});
afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await device?.endAsync();
  await e2e?.close();
});

const publish = (twin: string, property: string, value: unknown) =>
  device.publishAsync(`${BASE}/${twin}/properties/${property}`, JSON.stringify({ value, ts: Date.now() }));

describe('twinned machines (e2e)', () => {
  it('T1 T2 T3 T4 TW11: the factory renders its machines; telemetry drives colour, gauge and alarm; a click opens the live panel; a command from A shows its outcome in B', async () => {
    const a = await e2e.join('?space=e2e-twins&name=Ada', { width: 800, height: 500 });
    const twins = () => a.page.evaluate(() => window.twinverse!.features.twins!.list());
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.list().filter((t) => t.drawn).length === 7, undefined, {
      timeout: 30_000,
    });
    // The three machines, the vehicle and the three cameras (their feeds are off in tests unless asked: VIDEO=off).
    expect((await twins()).map((t) => t.id).sort()).toEqual(['agv-1', 'cam-1', 'cam-2', 'cam-3', 'cnc-1', 'conveyor-1', 'pump-1']);
    // Nothing reported yet: the machines are stale and greyed out.
    expect((await twins()).every((t) => t.quality === 'stale' && t.greyed)).toBe(true);
    await e2e.shot(a.page, 'twins-factory-stale');

    // Telemetry in: a cool motor, then a hot one.
    await publish('cnc-1', 'running', true);
    await publish('cnc-1', 'spindleSpeed', 8000);
    await publish('cnc-1', 'motorTemperature', 30);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.value('cnc-1', 'motorTemperature')?.num === 30, undefined, {
      timeout: 15_000,
    });
    await a.page.waitForFunction(() => (window.twinverse!.features.twins!.binding('cnc-1', 'tempGauge').fill ?? 0) > 0.1);
    const cool = await a.page.evaluate(() => window.twinverse!.features.twins!.binding('cnc-1', 'motor'));
    expect((await twins()).find((t) => t.id === 'cnc-1')!.greyed).toBe(false);
    expect((await twins()).find((t) => t.id === 'cnc-1')!.outlined).toBe(false);

    await publish('cnc-1', 'motorTemperature', 95);
    await a.page.waitForFunction(
      () =>
        window
          .twinverse!.features.twins!.list()
          .find((t) => t.id === 'cnc-1')
          ?.alarms.includes('motorHot'),
      undefined,
      { timeout: 15_000 },
    );
    // Bindings are driven once per frame, so the colour follows the alarm by up to a frame: wait for it.
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.binding('cnc-1', 'motor').color === '#E03030', undefined, {
      timeout: 10_000,
    });
    const hot = await a.page.evaluate(() => window.twinverse!.features.twins!.binding('cnc-1', 'motor'));
    expect(hot.color).toBe('#E03030'); // the ramp's last stop (85 °C and above)
    expect(hot.color).not.toBe(cool.color);
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.binding('cnc-1', 'tempGauge').fill)).toBeCloseTo(
      (95 - 20) / 80,
      3,
    );
    expect((await twins()).find((t) => t.id === 'cnc-1')!.beacon).toBe('#f3a712');
    expect((await twins()).find((t) => t.id === 'cnc-1')!.outlined).toBe(true);
    const rows = await a.page.evaluate(() => window.twinverse!.features.twins!.alarmRows());
    expect(rows.some((r) => /Spindle motor hot/.test(r) && !/forecast/.test(r))).toBe(true);
    await e2e.shot(a.page, 'twins-alarm');

    // Click the machine: its panel opens with the live value.
    const at = await a.page.evaluate(() => window.twinverse!.features.twins!.screenPoint('cnc-1', 'base'));
    expect(at).toBeTruthy();
    await a.page.mouse.click(at!.x, at!.y);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panel()?.twin === 'cnc-1', undefined, { timeout: 15_000 });
    await a.page.waitForFunction(() => /95\.0 °C/.test(window.twinverse!.features.twins!.panel()!.text));
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.panel()!.text)).toMatch(/Spindle motor hot/);
    await e2e.shot(a.page, 'twins-panel');

    // A vibration climbing for the last 20 s (the device's own timestamps), and still climbing: the
    // panel shows the trend, the alarm list forecasts the vibration alarm (above 6 mm/s) (SPEC TW11).
    // The chart and its heading follow the value row clicked (SPEC CH2).
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panelButton('row:vibration') !== null);
    const row = (await a.page.evaluate(() => window.twinverse!.features.twins!.panelButton('row:vibration')))!;
    await a.page.mouse.click(row.x, row.y);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panel()!.chart.property === 'vibration');
    const t0 = Date.now() - 20_000;
    const vibration = (ts: number) => ({ value: 2 + (0.1 * (ts - t0)) / 1000, ts });
    const topic = `${BASE}/cnc-1/properties/vibration`;
    for (let ts = t0; ts <= t0 + 20_000; ts += 500) await device.publishAsync(topic, JSON.stringify(vibration(ts)));
    const feeder = setInterval(() => void device.publishAsync(topic, JSON.stringify(vibration(Date.now()))), 500);
    try {
      await a.page
        .waitForFunction(
          () =>
            /↗ rising 6\.00 mm\/s\/min · Spindle vibration high: check the tool \(6\.00 mm\/s\) in ≈ \d+ s/.test(
              window.twinverse!.features.twins!.panel()!.text,
            ),
          undefined,
          { timeout: 15_000 },
        )
        .catch(async (e: Error) => {
          const text = await a.page.evaluate(() => window.twinverse!.features.twins!.panel()?.text);
          throw new Error(`${e.message}\nthe panel says:\n${text}`);
        });
      await a.page.waitForFunction(() =>
        window.twinverse!.features.twins!.alarmRows().some((r) => /CNC mill 1: Spindle vibration high.*forecast in ≈ \d+ s/.test(r)),
      );
      await e2e.shot(a.page, 'twins-forecast');
    } finally {
      clearInterval(feeder);
    }

    // B arrives; A presses Start on the panel; the machine (this test) acknowledges; B sees it.
    const b = await e2e.join('?space=e2e-twins&name=Bo', { width: 800, height: 500 });
    await b.page.waitForFunction(() => window.twinverse!.features.twins!.list().filter((t) => t.drawn).length === 7, undefined, {
      timeout: 30_000,
    });
    const got = new Promise<{ topic: string; id: string }>((resolve) =>
      device.on('message', (topic, payload) => {
        if (topic === `${BASE}/cnc-1/actions/start`) resolve({ topic, id: (JSON.parse(payload.toString()) as { id: string }).id });
      }),
    );
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panelButton('start') !== null);
    const button = await a.page.evaluate(() => window.twinverse!.features.twins!.panelButton('start'));
    expect(button).toBeTruthy();
    await a.page.mouse.click(button!.x, button!.y);
    const cmd = await got;
    await b.page.waitForFunction(
      () =>
        window
          .twinverse!.features.twins!.commands('cnc-1')
          .some((c) => c.action === 'start' && c.status === 'pending' && c.byName === 'Ada'),
      undefined,
      {
        timeout: 15_000,
      },
    );
    // Notices fade after 5 s; a CPU-starved page may only notice the acknowledgement later than that,
    // so record every notice B shows from here on rather than looking for one still on screen.
    await b.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { noticesSeen: string[] }).noticesSeen = seen;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes) if (n instanceof HTMLElement && n.classList.contains('notice')) seen.push(n.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
    await device.publishAsync(`${cmd.topic}/ack`, JSON.stringify({ id: cmd.id, ok: true }));
    await b.page.waitForFunction(
      () => window.twinverse!.features.twins!.commands('cnc-1').some((c) => c.action === 'start' && c.status === 'acknowledged'),
      undefined,
      { timeout: 15_000 },
    );
    await expect
      .poll(() => b.page.evaluate(() => (window as unknown as { noticesSeen: string[] }).noticesSeen), { timeout: 10_000 })
      .toContainEqual(expect.stringMatching(/^CNC mill 1: Start by Ada ✓/));
    // B sees who has the panel open.
    await b.page.evaluate(() => window.twinverse!.features.twins!.openPanel('cnc-1'));
    await b.page
      .waitForFunction(() => /Also looking: Ada/.test(window.twinverse!.features.twins!.panel()?.text ?? ''), undefined, {
        timeout: 15_000,
      })
      .catch(async (err: unknown) => {
        // Say what each side had when it did not show (a rare miss under load, seen once in CI).
        const seen = {
          bPanel: await b.page.evaluate(() => window.twinverse!.features.twins!.panel()),
          aPanel: await a.page.evaluate(() => window.twinverse!.features.twins!.panel()?.twin ?? null),
          aStatus: await a.page.evaluate(() => window.twinverse!.statusHistory()),
          aErrors: a.errors,
          bErrors: b.errors,
        };
        throw new Error(`B's panel never listed Ada: ${JSON.stringify(seen)}`, { cause: err });
      });
    await e2e.shot(b.page, 'twins-outcome-in-b');
    expect(a.errors).toEqual([]);
    expect(b.errors).toEqual([]);
    await a.context.close();
    await b.context.close();
  }, 300_000);

  it('T5: pressing the mouse on a movable part grabs it; it follows the pointer for everyone until release', async () => {
    const a = await e2e.join('?space=e2e-twins-carry&name=Ada', { width: 800, height: 500 });
    // The controls card covers the lower left of a small window until someone walks or clicks: fold it
    // (H), so the press lands on the scene.
    await a.page.keyboard.press('h');
    await a.page.waitForFunction(() => document.getElementById('help')?.hidden === true);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.list().filter((t) => t.drawn).length === 7, undefined, {
      timeout: 30_000,
    });
    const part = () => a.page.evaluate(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet'));
    const rest = (await part())!;
    const at = await a.page.evaluate(() => window.twinverse!.features.twins!.screenPoint('conveyor-1', 'pallet'));
    expect(at, 'the pallet on screen').toBeTruthy();
    await a.page.mouse.move(at!.x, at!.y);
    await a.page.mouse.down();
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.holding()?.granted === true, undefined, { timeout: 15_000 });
    // The part's state is the server's (synced to every page): the holder's name, then its moves.
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holderName === 'Ada', undefined, {
      timeout: 15_000,
    });
    await a.page.mouse.move(at!.x + 60, at!.y, { steps: 6 });
    await expect
      .poll(
        async () => {
          const p = (await part())!.p;
          return Math.hypot(p[0] - rest.p[0], p[1] - rest.p[1], p[2] - rest.p[2]);
        },
        { timeout: 15_000, interval: 100 },
      )
      .toBeGreaterThan(0.05);
    await a.page.mouse.up();
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.part('conveyor-1', 'pallet')?.holder === '', undefined, {
      timeout: 15_000,
    });
    expect(await a.page.evaluate(() => window.twinverse!.features.twins!.holding())).toBeNull();
    expect(a.errors).toEqual([]);
  });
});
