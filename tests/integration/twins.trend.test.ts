/**
 * Trend and forecast end to end over the real Mosquitto (SPEC TW11): a device publishes a rising
 * motor temperature with its own timestamps; a colyseus.js client sees the trend, the forecast of the
 * hot alarm with when it will be reached, then both gone once the data goes stale. H4 shows the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from '../support/clients.js';
import { propOf, publish, startTwinServer, twinOf, type TwinServer } from '../support/twinServer.js';
import { waitFor } from '../support/wait.js';

let t: TwinServer;

beforeAll(async () => {
  t = await startTwinServer({ floor: { twins: [{ twin: 'cnc-1', position: [0, 0, -3] }] } }, {}, (_id, td) => {
    (td['tv:twin'] as { staleAfter: number }).staleAfter = 3;
  });
});
afterAll(async () => {
  await t?.close();
});

describe('trend and forecast (SPEC TW11)', () => {
  it('TW11 H4: a rising temperature shows its trend and when the hot alarm will go off; stale data clears both', async () => {
    const a = await join(t.server.endpoint, { space: 'floor' });
    const topic = t.assets.topic('cnc-1', 'properties', 'motorTemperature');
    // The last 20 s, a reading every 500 ms: 60 → 70 °C at 0.5 °C/s, stamped by the device.
    const end = Date.now();
    const start = end - 20_000;
    for (let ts = start; ts <= end; ts += 500) await publish(t.device, topic, { value: 60 + (0.5 * (ts - start)) / 1000, ts });

    const temperature = await waitFor('the trend in the client state', () => {
      const p = propOf(a, 'cnc-1', 'motorTemperature');
      return p && p.trend !== 0 && p.ts === end ? p : undefined;
    });
    expect(temperature.num).toBeCloseTo(70, 6);
    expect(temperature.trend).toBeCloseTo(0.5, 3);
    const forecast = await waitFor('the forecast', () => twinOf(a, 'cnc-1')!.forecasts.get('motorHot'));
    expect(forecast).toMatchObject({ property: 'motorTemperature', severity: 'warning', message: 'Spindle motor hot', limit: 80 });
    expect(Math.abs(forecast.at - (end + 20_000))).toBeLessThan(1000); // 10 °C to go at 0.5 °C/s
    expect(twinOf(a, 'cnc-1')!.alarms.size).toBe(0);

    const api = (await (await fetch(`${t.base}/api/twins/cnc-1`)).json()) as {
      properties: Record<string, { trend: number | null }>;
      forecasts: { id: string; at: number }[];
    };
    expect(api.properties.motorTemperature!.trend).toBeCloseTo(0.5, 3);
    expect(api.properties.running!.trend).toBeNull(); // booleans have no trend
    expect(api.forecasts.map((f) => f.id)).toEqual(['motorHot']);

    // Silence past staleAfter (3 s): nothing left to extrapolate from.
    await waitFor(
      'trend and forecast to clear',
      () => propOf(a, 'cnc-1', 'motorTemperature')!.trend === 0 && twinOf(a, 'cnc-1')!.forecasts.size === 0,
      8000,
    );
    expect(propOf(a, 'cnc-1', 'motorTemperature')!.quality).toBe('stale');
    await a.room.leave();
  });
});
