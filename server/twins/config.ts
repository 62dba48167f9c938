/**
 * Configuration of twins, telemetry, the store and history (README "Configuration"). Defaults make
 * `npm start` work with nothing else running: the built-in simulator, PGlite in DATA_DIR, no HTTP
 * ingest until INGEST_TOKEN is set.
 */
import path from 'node:path';
import { z } from 'zod/mini';
import type { TwinClock } from './runtimeOptions.js';

export const twinEnv = {
  TWINS_DIR: z.optional(z.string()),
  MQTT_URL: z.optional(z.string().check(z.regex(/^mqtts?:\/\/|^wss?:\/\//, 'an MQTT URL starts with mqtt://, mqtts://, ws:// or wss://'))),
  SIMULATOR: z._default(z.enum(['auto', 'on', 'off']), 'auto'),
  SIM_SEED: z._default(z.coerce.number().check(z.int(), z.gte(0)), 1),
  COMMAND_TIMEOUT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(600_000)), 5000),
  INGEST_TOKEN: z.optional(z.string().check(z.minLength(16, 'an ingest token has at least 16 characters'))),
  INGEST_RATE: z._default(z.coerce.number().check(z.gt(0)), 50),
  DATABASE_URL: z.optional(z.string().check(z.regex(/^postgres(ql)?:\/\//, 'a database URL starts with postgres:// or postgresql://'))),
  DATABASE_SCHEMA: z._default(
    z.string().check(z.regex(/^[a-z_][a-z0-9_]{0,62}$/, 'a schema name is lower-case letters, digits and _')),
    'twinverse',
  ),
  DATA_DIR: z.optional(z.string()),
  HISTORY: z._default(z.enum(['on', 'off']), 'on'),
  HISTORY_RETENTION_DAYS: z._default(z.coerce.number().check(z.gt(0), z.lte(36_500)), 30),
  HISTORY_FLUSH_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(5000)), 5000),
};

export interface TwinConfig {
  /** Folder of twin definitions (Thing Descriptions). */
  twinsDir: string;
  /** Broker for MQTT telemetry and commands; unset = no MQTT. */
  mqttUrl: string | undefined;
  /** Run the built-in simulator (auto: when no broker is configured). */
  simulator: boolean;
  simSeed: number;
  /** How long a command may wait for the device's answer, ms. */
  commandTimeoutMs: number;
  /** Bearer token for `POST /api/twins/:id/properties`; unset = HTTP ingest off. */
  ingestToken: string | undefined;
  /** HTTP ingest requests per second per client address (burst: twice that). */
  ingestRate: number;
  /** PostgreSQL for the command store; unset = PGlite in this process. */
  databaseUrl: string | undefined;
  /** Schema the store's tables live in. */
  databaseSchema: string;
  /** PGlite data folder; undefined = in memory. */
  dataDir: string | undefined;
  /** Record accepted values (with several processes, only each twin's owner records, SPEC S4). */
  history: boolean;
  /** Days of history kept. */
  historyRetentionDays: number;
  /** How often recorded values are written, ms (≤ 5,000: what a crash may lose). */
  historyFlushMs: number;
  /** Tests only (never from the environment): a clock they drive, so staleness happens when they say. */
  twinClock?: TwinClock;
}

const _TwinEnvObject = z.object(twinEnv);
type TwinEnv = z.infer<typeof _TwinEnvObject>;

export function twinConfig(e: TwinEnv, root: string, assetsDir: string): TwinConfig {
  return {
    twinsDir: e.TWINS_DIR ? path.resolve(root, e.TWINS_DIR) : path.join(assetsDir, 'twins'),
    mqttUrl: e.MQTT_URL,
    simulator: e.SIMULATOR === 'on' || (e.SIMULATOR === 'auto' && !e.MQTT_URL),
    simSeed: e.SIM_SEED,
    commandTimeoutMs: e.COMMAND_TIMEOUT_MS,
    ingestToken: e.INGEST_TOKEN,
    ingestRate: e.INGEST_RATE,
    databaseUrl: e.DATABASE_URL,
    databaseSchema: e.DATABASE_SCHEMA,
    dataDir: e.DATA_DIR === 'memory' ? undefined : path.resolve(root, e.DATA_DIR ?? 'data/pglite'),
    history: e.HISTORY === 'on',
    historyRetentionDays: e.HISTORY_RETENTION_DAYS,
    historyFlushMs: e.HISTORY_FLUSH_MS,
  };
}
