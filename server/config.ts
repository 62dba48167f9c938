/**
 * Configuration from the environment, read once at start-up and validated: a bad value stops the
 * server with a message naming the variable (README "Configuration" lists them all).
 */
import { z } from 'zod/mini';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { twinEnv, twinConfig, type TwinConfig } from './twins/config.js';
import { loadMeetingConfig, type MeetingConfig } from './meeting/config.js';
import type { JoinTokenConfig } from './security/joinToken.js';
import { videoConfig, videoEnv, type VideoConfig } from './video/config.js';
import { mapConfig, mapEnv, type MapConfig } from './geo/mapConfig.js';

/** The repository root (server/ and dist/node/server/ both resolve to it). */
export const ROOT_DIR = (() => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return here.includes(`${path.sep}dist${path.sep}node`) ? path.resolve(here, '../../..') : path.resolve(here, '..');
})();

const port = z.coerce.number().check(z.int(), z.gte(0), z.lte(65535));
const positive = z.coerce.number().check(z.gt(0));
const list = z.pipe(
  z.string(),
  z.transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x.length > 0),
  ),
);

const Env = z.object({
  PORT: z._default(port, 2567),
  HOST: z._default(z.string(), '0.0.0.0'),
  LOG_LEVEL: z._default(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']), 'info'),
  PATCH_RATE_MS: z._default(positive, 50),
  RECONNECT_SECONDS: z._default(z.coerce.number().check(z.gte(0)), 30),
  /** How long a socket the server closed may take to answer the close before it is cut, ms (SPEC HD11). */
  CLOSE_ANSWER_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(30_000)), 5000),
  MAX_PER_SPACE: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(65536)), 500),
  /** How long a join waits for its space's building before a retryable refusal, ms (SPEC BM2): under Node's 5 s idle socket timeout. */
  BUILDING_WAIT_MS: z._default(z.coerce.number().check(z.int(), z.gte(100), z.lte(4500)), 2500),
  CLIENT_DIR: z.optional(z.string()),
  ASSETS_DIR: z.optional(z.string()),
  ALLOWED_ORIGINS: z._default(list, []),
  REDIS_URL: z.optional(z.string()),
  /** Prefix of the keys and channels this deployment uses in Redis (several deployments, or tests, may share one). */
  REDIS_PREFIX: z._default(
    z.string().check(z.regex(/^[A-Za-z0-9:_-]{1,64}$/, 'REDIS_PREFIX is 1–64 letters, digits, : _ -')),
    'twinverse:',
  ),
  /** How long a process owns a twin without renewing, ms: a dead owner's twins are taken over within about this (SPEC S4). */
  TWIN_LEASE_MS: z._default(z.coerce.number().check(z.int(), z.gte(300), z.lte(60_000)), 5000),
  TLS_CERT_FILE: z.optional(z.string()),
  TLS_KEY_FILE: z.optional(z.string()),
  PUBLIC_ADDRESS: z.optional(z.string()),
  ALLOWED_HOSTS: z._default(list, []),
  HTTP_RATE: z._default(positive, 100),
  /** The window HTTP_RATE counts over, seconds (tests widen it so a loaded machine cannot refill it mid-test). */
  HTTP_RATE_WINDOW: z._default(positive, 1),
  /** HS256 secret for signed join tokens; when set (or JOIN_PUBLIC_KEY), joining needs a token. */
  JOIN_SECRET: z.optional(z.string().check(z.minLength(32, 'JOIN_SECRET must be at least 32 characters'))),
  /** Ed25519 public key (SPKI PEM) for EdDSA join tokens. */
  JOIN_PUBLIC_KEY: z.optional(z.string().check(z.regex(/-----BEGIN PUBLIC KEY-----/, 'JOIN_PUBLIC_KEY is an SPKI PEM public key'))),
  JOIN_TOKEN_MAX_SECONDS: z._default(z.coerce.number().check(z.int(), z.gt(0), z.lte(86_400)), 3600),
  /** Bearer token for operators' HTTP actions (revoking join tokens); unset: those are off. */
  ADMIN_TOKEN: z.optional(z.string().check(z.minLength(32, 'ADMIN_TOKEN must be at least 32 characters'))),
  /** Days a space may go unvisited before its saved chat and board are pruned (SPEC RS8). */
  SPACE_RETENTION_DAYS: z._default(z.coerce.number().check(z.gte(1), z.lte(36_500)), 90),
  /** Minutes between prune rounds: at most a day, so a space open anywhere is visited well within the retention. */
  SPACE_PRUNE_MINUTES: z._default(z.coerce.number().check(z.gte(1), z.lte(1440)), 60),
  ...twinEnv,
  ...videoEnv,
  ...mapEnv,
});

export interface Config extends TwinConfig, VideoConfig, MapConfig {
  port: number;
  host: string;
  logLevel: string;
  /** Milliseconds between state patches. */
  patchRateMs: number;
  /** How long a dropped participant's seat is held, seconds. */
  reconnectSeconds: number;
  /** How long a socket the server closed may take to answer the close before it is cut, ms (SPEC HD11). */
  closeAnswerMs: number;
  /** Most people one space seats at once (held seats included); the next is refused as full (SPEC J6). */
  maxPerSpace: number;
  /** How long a join waits for its space's building before it is told to try again (4439), ms (SPEC BM2). */
  buildingWaitMs: number;
  /** Folder of the built client (index.html …). */
  clientDir: string;
  /** Folder of twin definitions, space layouts and models. */
  assetsDir: string;
  /** Origins allowed besides the server's own (browser CORS and WebSocket Origin). */
  allowedOrigins: string[];
  /** Host names (besides IP literals and localhost) requests may name in `Host`; `*` turns the check off. */
  allowedHosts: string[];
  /** GET/HEAD requests per second per client address. */
  httpRate: number;
  /** Seconds over which `httpRate` GET requests per address are allowed. */
  httpRateWindow: number;
  /** With a Redis URL, presence and the matchmaking driver go to Redis so several processes share spaces. */
  redisUrl: string | undefined;
  /** Prefix of this deployment's Redis keys and channels (multi-process only). */
  redisPrefix: string;
  /** Twin ownership lease, ms (multi-process only, SPEC S4). */
  twinLeaseMs: number;
  /** This process's address as other processes' clients reach it (multi-process only). */
  publicAddress: string | undefined;
  /**
   * Serve HTTPS/WSS with this certificate and key (PEM files). Browsers only offer WebXR on secure
   * origins, so a headset on the LAN needs this (or a TLS proxy in front).
   */
  tls: { certFile: string; keyFile: string } | undefined;
  /** ICE servers for voice and screen share, host passcodes (ICE_SERVERS, TURN_*, HOST_PASSCODES). */
  meetings: MeetingConfig;
  /** Signed join tokens (JOIN_SECRET, JOIN_PUBLIC_KEY, JOIN_TOKEN_MAX_SECONDS); undefined: passcodes only. */
  joinTokens: JoinTokenConfig | undefined;
  /** ADMIN_TOKEN: operators' HTTP actions (POST /api/tokens/revoke); undefined: off. */
  adminToken: string | undefined;
  /** Saved chat and board of spaces unvisited this long are pruned, days (SPEC RS8). */
  spaceRetentionDays: number;
  /** Between prune rounds, minutes. */
  spacePruneMinutes: number;
}

/** Reads the configuration from `env`; throws an Error naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = Env.safeParse(env);
  const lines = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  let meetings: MeetingConfig | undefined;
  try {
    meetings = loadMeetingConfig(env);
  } catch (err) {
    lines.push((err as Error).message);
  }
  if (!parsed.success || !meetings) throw new Error(`Invalid configuration: ${lines.join('; ')}`);
  const e = parsed.data;
  if ((e.TLS_CERT_FILE === undefined) !== (e.TLS_KEY_FILE === undefined)) {
    throw new Error('Invalid configuration: TLS_CERT_FILE and TLS_KEY_FILE must be set together');
  }
  const assetsDir = path.resolve(ROOT_DIR, e.ASSETS_DIR ?? 'assets');
  return {
    ...twinConfig(e, ROOT_DIR, assetsDir),
    ...videoConfig(e),
    ...mapConfig(e),
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    patchRateMs: e.PATCH_RATE_MS,
    reconnectSeconds: e.RECONNECT_SECONDS,
    closeAnswerMs: e.CLOSE_ANSWER_MS,
    maxPerSpace: e.MAX_PER_SPACE,
    buildingWaitMs: e.BUILDING_WAIT_MS,
    clientDir: path.resolve(ROOT_DIR, e.CLIENT_DIR ?? 'dist/client'),
    assetsDir,
    allowedOrigins: e.ALLOWED_ORIGINS,
    allowedHosts: e.ALLOWED_HOSTS,
    httpRate: e.HTTP_RATE,
    httpRateWindow: e.HTTP_RATE_WINDOW,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    twinLeaseMs: e.TWIN_LEASE_MS,
    publicAddress: e.PUBLIC_ADDRESS,
    tls:
      e.TLS_CERT_FILE && e.TLS_KEY_FILE
        ? { certFile: path.resolve(ROOT_DIR, e.TLS_CERT_FILE), keyFile: path.resolve(ROOT_DIR, e.TLS_KEY_FILE) }
        : undefined,
    meetings,
    joinTokens:
      e.JOIN_SECRET || e.JOIN_PUBLIC_KEY
        ? { secret: e.JOIN_SECRET, publicKey: e.JOIN_PUBLIC_KEY?.replace(/\\n/g, '\n'), maxSeconds: e.JOIN_TOKEN_MAX_SECONDS }
        : undefined,
    adminToken: e.ADMIN_TOKEN,
    spaceRetentionDays: e.SPACE_RETENTION_DAYS,
    spacePruneMinutes: e.SPACE_PRUNE_MINUTES,
  };
}
