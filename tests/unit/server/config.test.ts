import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../server/config.js';

describe('configuration', () => {
  it('defaults to the embedded setup on port 2567', () => {
    const c = loadConfig({});
    expect(c.port).toBe(2567);
    expect(c.redisUrl).toBeUndefined();
    expect(c.reconnectSeconds).toBe(30);
    expect(c.clientDir).toMatch(/dist[/\\]client$/);
  });

  it('reads lists and numbers', () => {
    const c = loadConfig({ PORT: '8080', ALLOWED_ORIGINS: 'https://a.example, https://b.example', PATCH_RATE_MS: '33' });
    expect(c.port).toBe(8080);
    expect(c.allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(c.patchRateMs).toBe(33);
  });

  it('RS8: abandoned spaces are pruned after 90 days, checked hourly; a retention under a day or a round over a day is refused', () => {
    const c = loadConfig({});
    expect(c.spaceRetentionDays).toBe(90);
    expect(c.spacePruneMinutes).toBe(60);
    expect(loadConfig({ SPACE_RETENTION_DAYS: '7', SPACE_PRUNE_MINUTES: '5' })).toMatchObject({
      spaceRetentionDays: 7,
      spacePruneMinutes: 5,
    });
    expect(() => loadConfig({ SPACE_RETENTION_DAYS: '0.5' })).toThrow(/SPACE_RETENTION_DAYS/);
    expect(() => loadConfig({ SPACE_PRUNE_MINUTES: '2000' })).toThrow(/SPACE_PRUNE_MINUTES/);
  });

  it('names each bad variable', () => {
    expect(() => loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud' })).toThrow(/PORT.*LOG_LEVEL|LOG_LEVEL.*PORT/);
  });

  it('twins: the simulator runs without a broker, not with one; HTTP ingest and PostgreSQL are off by default', () => {
    const c = loadConfig({});
    expect(c.simulator).toBe(true);
    expect(c.mqttUrl).toBeUndefined();
    expect(c.ingestToken).toBeUndefined();
    expect(c.databaseUrl).toBeUndefined();
    expect(c.twinsDir).toMatch(/assets[/\\]twins$/);
    expect(c.dataDir).toMatch(/data[/\\]pglite$/);
    expect(c.commandTimeoutMs).toBe(5000);
    const m = loadConfig({ MQTT_URL: 'mqtt://127.0.0.1:1883', DATA_DIR: 'memory', SIMULATOR: 'auto' });
    expect(m.simulator).toBe(false);
    expect(m.dataDir).toBeUndefined();
    expect(loadConfig({ MQTT_URL: 'mqtt://x', SIMULATOR: 'on' }).simulator).toBe(true);
  });

  it('twins: names bad twin variables', () => {
    expect(() => loadConfig({ MQTT_URL: 'http://broker', INGEST_TOKEN: 'short', DATABASE_URL: 'mysql://x' })).toThrow(
      /MQTT_URL.*INGEST_TOKEN.*DATABASE_URL/,
    );
  });
});
