/**
 * The machine panel in a real browser (SPEC CH*, PN*): the chart from the history API, fixed
 * controls under live telemetry, set-point sliders, confirmation of Stop, words from the TD, and a
 * panel that opens whole beside the HUD. The test plays the machine over the real Mosquitto, as in
 * twins.test.ts: it publishes telemetry (with the device's own timestamps) and acknowledges commands.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import mqtt, { type MqttClient } from 'mqtt';
import type { Page } from 'playwright-core';
import { startE2E, type E2E } from '../support/e2e.js';
import { MQTT_URL, requireService } from '../support/services.js';
import { waitForAsync } from '../support/wait.js';

const BASE = 'twinverse/factory';
let e2e: E2E;
let device: MqttClient;
/** Every command the machine side received: topic and payload. */
const received: { topic: string; body: { id: string; input?: unknown } }[] = [];

beforeAll(async () => {
  await requireService('mosquitto');
  // History is written every 500 ms here, so the chart finds what was just published.
  e2e = await startE2E({}, { MQTT_URL, SIMULATOR: 'off', COMMAND_TIMEOUT_MS: '30000', HISTORY_FLUSH_MS: '500' });
  device = await mqtt.connectAsync(MQTT_URL, { clientId: `e2e-panel-device-${process.pid}` });
  device.on('message', (topic, payload) => received.push({ topic, body: JSON.parse(payload.toString()) as { id: string } }));
  await device.subscribeAsync(`${BASE}/pump-1/actions/+`);
});
afterEach(async () => {
  await e2e?.closePages();
});
afterAll(async () => {
  await device?.endAsync();
  await e2e?.close();
});

const publish = (property: string, value: unknown, ts = Date.now()) =>
  device.publishAsync(`${BASE}/pump-1/properties/${property}`, JSON.stringify({ value, ts }));

type Box = { left: number; top: number; right: number; bottom: number };
const overlaps = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/** Waits until the history API has `n` buckets of `property` in the last 15 minutes (a round trip each time). */
async function recorded(property: string, n: number): Promise<void> {
  await waitForAsync(
    `${n} buckets of ${property} in the history`,
    async () => {
      const res = await fetch(`${e2e.server.url}/api/twins/pump-1/history?property=${property}&from=now-15m&to=now`);
      return res.ok && ((await res.json()) as { buckets: unknown[] }).buckets.length >= n;
    },
    30_000,
    100,
  );
}

/** Ten minutes of outlet pressure, climbing past the 6.5 bar alarm and back (raised + cleared). */
async function seedPump(): Promise<void> {
  const t0 = Date.now() - 10 * 60_000;
  for (let i = 0; i <= 60; i++) {
    const p = i < 30 ? 4 + i * 0.1 : i < 40 ? 7 : 5;
    await publish('outletPressure', p, t0 + i * 10_000);
    await publish('bearingTemperature', 40 + i * 0.2, t0 + i * 10_000);
  }
  await publish('running', true);
  await publish('speed', 62);
  await publish('power', 1.6e-63);
  await publish('flow', 31.4159);
}

async function openPump(page: Page): Promise<void> {
  await page.waitForFunction(() => window.twinverse!.features.twins!.list().find((t) => t.id === 'pump-1')?.drawn, undefined, {
    timeout: 30_000,
  });
  await page.waitForFunction(() => (window.twinverse!.features.twins!.value('pump-1', 'flow')?.num ?? 0) > 0, undefined, {
    timeout: 15_000,
  });
  await page.evaluate(() => window.twinverse!.features.twins!.openPanel('pump-1'));
  await page
    .waitForFunction(
      () => {
        const c = window.twinverse!.features.twins!.panel()?.chart;
        return !!c && !c.loading && c.points > 10 && c.xTicks.length >= 2;
      },
      undefined,
      { timeout: 30_000 },
    )
    .catch(async (err: unknown) => {
      throw new Error(`the chart never drew: ${JSON.stringify(await page.evaluate(() => window.twinverse!.features.twins!.panel()))}`, {
        cause: err,
      });
    });
}

async function click(page: Page, id: string): Promise<void> {
  // Null until the panel's GUI has drawn the control.
  await page.waitForFunction((i) => window.twinverse!.features.twins!.panelButton(i) !== null, id, { timeout: 15_000 });
  const at = (await page.evaluate((i) => window.twinverse!.features.twins!.panelButton(i), id))!;
  await page.mouse.click(at.x, at.y);
}

const panelOf = (page: Page) => page.evaluate(() => window.twinverse!.features.twins!.panel()!);

describe('machine panel (e2e)', () => {
  beforeAll(async () => {
    await seedPump();
    await recorded('outletPressure', 30);
  });

  it('CH1 CH2 PN1 PN4 PN5 PN6: the chart has a time axis, band, alarm limit and markers; rows and ranges re-chart; the slider starts at the set-point; commands read in TD words', async () => {
    const a = await e2e.join('?space=e2e-panel&name=Ada', { width: 1280, height: 720 });
    await openPump(a.page);

    // CH1: outlet pressure is charted first (it has an alarm rule): time ticks, values, the 6.5 bar
    // limit, the alarm raised and cleared as markers.
    let p = await panelOf(a.page);
    expect(p.chart.property).toBe('outletPressure');
    expect(p.chart.range).toBe('1h');
    expect(p.chart.xTicks.every((t) => /^\d\d:\d\d$/.test(t))).toBe(true);
    expect(p.chart.yTicks.length).toBeGreaterThanOrEqual(2);
    expect(p.chart.limits).toEqual([6.5]);
    expect(p.chart.markers).toBeGreaterThanOrEqual(2);
    // PN1: values in plain notation with the unit's decimals; PN5: no binding notes on the panel.
    expect(p.text).toMatch(/^0 kW$/m);
    expect(p.text).toMatch(/^31\.4 m³\/h$/m);
    expect(p.text).not.toMatch(/e-\d/);
    expect(p.text).not.toMatch(/forms not bound|MQTT_URL/);
    await e2e.shot(a.page, 'panel-desktop-1280x720');

    // PN6: whole in the window, clear of the HUD.
    const box = (await a.page.evaluate(() => window.twinverse!.features.twins!.panelBox()))!;
    expect(box.panel.left).toBeGreaterThanOrEqual(0);
    expect(box.panel.top).toBeGreaterThanOrEqual(0);
    expect(box.panel.right).toBeLessThanOrEqual(1280);
    expect(box.panel.bottom).toBeLessThanOrEqual(720);
    for (const h of box.hud) expect(overlaps(box.panel, h), JSON.stringify(h)).toBe(false);

    // CH2: a range button and a click on a value row re-chart.
    await click(a.page, 'range:15m');
    await a.page.waitForFunction(() => {
      const c = window.twinverse!.features.twins!.panel()!.chart;
      return c.range === '15m' && !c.loading && c.points > 10;
    });
    await click(a.page, 'row:bearingTemperature');
    await a.page.waitForFunction(() => {
      const c = window.twinverse!.features.twins!.panel()!.chart;
      return c.property === 'bearingTemperature' && !c.loading && c.points > 10;
    });
    p = await panelOf(a.page);
    expect(p.chart.limits).toEqual([75]);
    expect(p.text).toMatch(/Bearing temperature \(°C\)/);

    // PN4: the speed slider stands at the machine's 62 %; Apply untouched asks for 62 %.
    expect(p.text).toMatch(/Set speed: 62 %/);
    await click(a.page, 'setSpeed');
    await expect.poll(() => received.find((r) => r.topic.endsWith('/actions/setSpeed')), { timeout: 15_000 }).toBeTruthy();
    const cmd = received.find((r) => r.topic.endsWith('/actions/setSpeed'))!;
    expect(cmd.body.input).toEqual({ percent: 62 });

    // PN5: the outcome in the TD's words, on the panel and in the notice.
    await a.page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { noticesSeen: string[] }).noticesSeen = seen;
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes) if (n instanceof HTMLElement && n.classList.contains('notice')) seen.push(n.textContent ?? '');
      }).observe(document.body, { childList: true, subtree: true });
    });
    await device.publishAsync(`${cmd.topic}/ack`, JSON.stringify({ id: cmd.body.id, ok: true }));
    await a.page.waitForFunction(() => /speed set to 62 % by you ✓/.test(window.twinverse!.features.twins!.panel()!.text), undefined, {
      timeout: 15_000,
    });
    await expect
      .poll(() => a.page.evaluate(() => (window as unknown as { noticesSeen: string[] }).noticesSeen), { timeout: 15_000 })
      .toContainEqual(expect.stringMatching(/^Coolant pump 1: speed set to 62 % by you ✓/))
      .catch(async (err: unknown) => {
        const seen = await a.page.evaluate(() => (window as unknown as { noticesSeen: string[] }).noticesSeen);
        throw new Error(`notices seen: ${JSON.stringify(seen)}`, { cause: err });
      });
    expect(a.errors).toEqual([]);
  });

  it('PN2 PN3: no control moves over 10 s of live telemetry, trends, alarms and commands; Stop asks for confirmation elsewhere', async () => {
    const a = await e2e.join('?space=e2e-panel&name=Bo', { width: 1280, height: 720 });
    await openPump(a.page);
    await a.page.waitForFunction(() => 'start' in window.twinverse!.features.twins!.panelControls());
    const before = await a.page.evaluate(() => window.twinverse!.features.twins!.panelControls());
    expect(Object.keys(before)).toEqual(expect.arrayContaining(['start', 'stop', 'setSpeed', 'close', 'range:1h', 'row:speed']));

    // Ten seconds of telemetry at 5 Hz: pressure rising through its alarm (trend, forecast, alarm
    // line), temperature and flow moving, and a command pending then answered in the middle.
    const start = Date.now();
    let i = 0;
    const feeder = setInterval(() => {
      i++;
      void publish('outletPressure', 5 + i * 0.05);
      void publish('flow', 30 + (i % 7));
      void publish('bearingTemperature', 50 + i * 0.3);
    }, 200);
    const moved: string[] = [];
    const compare = async () => {
      const now = await a.page.evaluate(() => window.twinverse!.features.twins!.panelControls());
      for (const [id, r] of Object.entries(before)) {
        const n = now[id];
        if (!n) moved.push(`${id} disappeared`);
        else if (['left', 'top', 'right', 'bottom'].some((k) => Math.abs(n[k as keyof Box] - r[k as keyof Box]) > 1))
          moved.push(`${id}: ${JSON.stringify(r)} → ${JSON.stringify(n)}`);
      }
    };
    try {
      const v0 = await a.page.evaluate(() => window.twinverse!.features.twins!.updates('pump-1'));
      await click(a.page, 'start');
      for (let step = 1; step <= 5; step++) {
        // Wait on state updates reaching the page, not on time.
        await a.page.waitForFunction((n) => window.twinverse!.features.twins!.updates('pump-1') >= n, v0 + step * 10, { timeout: 30_000 });
        await compare();
        if (step === 2) {
          const s = received.find((r) => r.topic.endsWith('/actions/start'));
          if (s) await device.publishAsync(`${s.topic}/ack`, JSON.stringify({ id: s.body.id, ok: true }));
        }
      }
      await a.page.waitForFunction(
        () =>
          window
            .twinverse!.features.twins!.list()
            .find((t) => t.id === 'pump-1')
            ?.alarms.includes('pressureHigh'),
        undefined,
        { timeout: 30_000 },
      );
      while (Date.now() - start < 10_000) {
        const n = await a.page.evaluate(() => window.twinverse!.features.twins!.updates('pump-1'));
        await a.page.waitForFunction((m) => window.twinverse!.features.twins!.updates('pump-1') > m, n, { timeout: 30_000 });
        await compare();
      }
    } finally {
      clearInterval(feeder);
    }
    expect(moved).toEqual([]);
    const p = await panelOf(a.page);
    expect(p.text).toMatch(/Outlet pressure high/);
    expect(p.text).toMatch(/Start by you ✓/);
    await e2e.shot(a.page, 'panel-desktop-live');

    // PN3: Stop only asks; its confirmation is elsewhere; pressing Stop's place again does not send.
    expect(before.confirm).toBeUndefined();
    await click(a.page, 'stop');
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panel()!.confirm?.action === 'stop');
    const controls = await a.page.evaluate(() => window.twinverse!.features.twins!.panelControls());
    expect(overlaps(controls.confirm!, controls.stop!)).toBe(false);
    for (const [id, r] of Object.entries(before)) expect(overlaps(controls.confirm!, r), id).toBe(false);
    expect((await panelOf(a.page)).text).toMatch(/Stop Coolant pump 1\?/);
    await e2e.shot(a.page, 'panel-desktop-confirm');
    await click(a.page, 'stop');
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.panel()!.confirm?.ready === true);
    await click(a.page, 'confirm');
    await expect.poll(() => received.filter((r) => r.topic.endsWith('/actions/stop')).length, { timeout: 15_000 }).toBe(1);
    await a.page.waitForFunction(() => window.twinverse!.features.twins!.commands('pump-1').some((c) => c.action === 'stop'));
    // The one sent by Confirm arrived; the clicks on Stop before it sent nothing (they would be earlier).
    expect(
      (await a.page.evaluate(() => window.twinverse!.features.twins!.commands('pump-1'))).filter((c) => c.action === 'stop'),
    ).toHaveLength(1);
    expect(received.filter((r) => r.topic.endsWith('/actions/stop'))).toHaveLength(1);
    expect(a.errors).toEqual([]);
  });

  it('PN6: on a 390×844 phone the panel opens whole, facing the user, clear of the HUD', async () => {
    const a = await e2e.join('?space=e2e-panel&name=Cy', { width: 390, height: 844 });
    // The controls card folds once someone taps into the scene (as a tap on the machine does); here, H.
    await a.page.keyboard.press('h');
    await a.page.waitForFunction(() => document.getElementById('help')?.hidden === true);
    await openPump(a.page);
    const box = (await a.page.evaluate(() => window.twinverse!.features.twins!.panelBox()))!;
    expect(box.panel.left).toBeGreaterThanOrEqual(0);
    expect(box.panel.top).toBeGreaterThanOrEqual(0);
    expect(box.panel.right).toBeLessThanOrEqual(390);
    expect(box.panel.bottom).toBeLessThanOrEqual(844);
    expect(box.panel.right - box.panel.left).toBeGreaterThan(300);
    // Laid out narrow and tall: it shows bigger on a portrait screen than the wide layout would.
    const p = await panelOf(a.page);
    expect(p.text).toMatch(/Outlet pressure/);
    for (const h of box.hud) expect(overlaps(box.panel, h), JSON.stringify(h)).toBe(false);
    await e2e.shot(a.page, 'panel-phone-390x844');
    expect(a.errors).toEqual([]);
  });
});
