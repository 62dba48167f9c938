/**
 * Builds and starts one Twinverse server process: HTTP app, WebSocket transport, Colyseus server with
 * its presence/driver, and the space room. `main.ts` calls it with the environment's config; tests
 * call it with their own (own port, quiet log).
 */
import http from 'node:http';
import https from 'node:https';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { EventEmitter } from 'node:events';
import { Server, matchMaker, type Presence } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { Encoder } from '@colyseus/schema';
import type { Redis } from 'ioredis';
import { ROOM_NAME } from '../shared/protocol/version.js';
import type { Config } from './config.js';
import { ROOT_DIR } from './config.js';
import { createHttpApp } from './http/app.js';
import { createLogger, type Logger } from './log.js';
import { spaceRoomType } from './rooms/SpaceRoom.js';
import type { SpaceRoomDeps, SpaceRoomOptions } from './rooms/deps.js';
import { loadSpaceLayouts } from './spaces/layouts.js';
import { admitToSpace, INSTANCE_OPTION } from './rooms/admission.js';
import { roomsOf } from './spaces/occupancy.js';
import { loadBuildings, type Buildings } from './buildings/buildings.js';
import { SpaceMemory } from './meeting/memory.js';
import { storePersistence } from './meeting/spacePersistence.js';
import { SpaceRetention } from './meeting/spaceRetention.js';
import { configuredHosts, isHostAllowed, isOriginAllowed } from './http/origin.js';
import { guardRequests } from './http/requestGuard.js';
import { createJoinGuard } from './security/joinGuard.js';
import { createTokenVerifier } from './security/joinToken.js';
import { TokenRevocations } from './security/revocations.js';
import { createPasscodeLimiter } from './security/passcodeLimiter.js';
import { oneRoomPerSpace } from './security/matchmaking.js';
import { quietSocketErrors } from './security/socketErrors.js';
import { startTwinRuntime } from './twins/start.js';
import type { TwinRuntime } from './twins/runtime.js';
import { shareIngest } from './twins/ingestShare.js';
import { shareTwins } from './cluster/twinShare.js';
import { Store } from './store/store.js';
import { HistoryRecorder } from './history/recorder.js';
import { Journal } from './audit/journal.js';
import { NoteBook } from './audit/notebook.js';
import { LastValues } from './twins/lastValues.js';
import { VideoHub } from './video/hub.js';
import { FeedRelay } from './video/relay.js';
import { publishAccess } from './video/publishAccess.js';

/**
 * The schema encoder's starting buffer, bytes. A space with many twins encodes a full state of tens
 * of KB for a newcomer; the default (8 KB) would grow by itself but warns on every growth.
 */
Encoder.BUFFER_SIZE = 128 * 1024;

/** How long a stop waits for queued writes before telling clients it is going, ms (the rest is saved after). */
const FLUSH_BEFORE_CLOSE_MS = 5000;

/** Waits for `p` at most `ms` (its outcome does not matter here). */
async function settled(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => undefined), new Promise<void>((r) => (timer = setTimeout(r, ms)))]);
  clearTimeout(timer);
}

/** Largest WebSocket frame a client may send, bytes; larger frames close the socket (1009). */
const MAX_FRAME_BYTES = 64 * 1024;

export interface Twinverse {
  readonly port: number;
  /** Base URL, e.g. http://localhost:2567 */
  readonly url: string;
  readonly log: Logger;
  /** The process's twin runtime (tests and benchmarks read its counters). */
  readonly twins: TwinRuntime;
  /** The process's store (tests wait on its state). */
  readonly store: Store;
  /** The history recorder, when HISTORY is on. */
  readonly history: HistoryRecorder | null;
  /** Camera feeds and viewer connections (tests and benches read its counters). */
  readonly video: VideoHub;
  /** The layouts' buildings, read in worker threads from start-up (tests wait on them, SPEC BM2). */
  readonly buildings: Buildings;
  /** Settles when the last values and open alarms of the previous run are back (tests wait on it, SPEC AK5). */
  restored(): Promise<void>;
  close(): Promise<void>;
}

function readVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(ROOT_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
}

async function createScaleOut(config: Config, log: Logger): Promise<{ presence?: Presence; driver?: matchMaker.MatchMakerDriver }> {
  if (!config.redisUrl) return {};
  const [{ RedisPresence }, { RedisDriver }] = await Promise.all([import('@colyseus/redis-presence'), import('@colyseus/redis-driver')]);
  log.info({ redis: config.redisUrl.replace(/\/\/[^@]*@/, '//***@') }, 'multi-process mode: Redis presence and driver');
  return { presence: new RedisPresence(config.redisUrl), driver: new RedisDriver(config.redisUrl) };
}

/** A Redis client for limits shared by every process (REDIS_URL), or none. */
async function redisClient(url: string | undefined): Promise<Redis | undefined> {
  if (!url) return undefined;
  const { Redis } = await import('ioredis');
  return new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 2 });
}

export async function startTwinverse(config: Config, log: Logger = createLogger(config.logLevel)): Promise<Twinverse> {
  const layouts = await loadSpaceLayouts(path.join(config.assetsDir, 'spaces'), log.child({ part: 'layouts' }));
  // Buildings are read and converted in worker threads while the server starts and serves (SPEC BM2):
  // a space with a building opens once its building is read (its layout is sized to it), others at once.
  const buildings = loadBuildings(layouts, config.assetsDir, log.child({ part: 'buildings' }));
  // Opened now, in the background (PGlite in a worker thread): nothing waits for it (SPEC ST5).
  const store = Store.start(
    { databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema },
    log.child({ part: 'store' }),
  );
  const history = config.history
    ? new HistoryRecorder(
        store,
        { flushMs: config.historyFlushMs, retentionDays: config.historyRetentionDays },
        log.child({ part: 'history' }),
      )
    : null;
  // The audit log and activity feed, and machines' notes, kept through the store's queue (SPEC AU1, NT3).
  // Revoked join tokens live in the store: they survive a restart and bind every process (SPEC JT7).
  const revocations = config.joinTokens ? new TokenRevocations(store, config.joinTokens.maxSeconds) : null;
  const journal = new Journal(store);
  const notes = new NoteBook(store, journal);
  const twins = await startTwinRuntime(
    config,
    log.child({ part: 'twins' }),
    store.commands,
    history ?? undefined,
    { journal, alarmEvent: (e) => store.recordAlarm(e) },
    false,
  );
  const scaleOut = await createScaleOut(config, log);
  const twinLog = log.child({ part: 'twins' });
  const share = scaleOut.presence ? await shareIngest(scaleOut.presence, twins, twinLog, config.redisPrefix) : null;
  // With several processes, each twin runs on one of them (SPEC S4): joined before its sources start.
  const clusterRedis = scaleOut.presence ? await redisClient(config.redisUrl) : undefined;
  const cluster =
    scaleOut.presence && clusterRedis
      ? await shareTwins(scaleOut.presence, clusterRedis, twins, journal, notes, {
          prefix: config.redisPrefix,
          leaseMs: config.twinLeaseMs,
          forwardTimeoutMs: Math.min(config.commandTimeoutMs, 5000),
          log: twinLog.child({ part: 'cluster' }),
        })
      : null;
  twins.start();
  history?.start();
  const lastValues = new LastValues(twins, store, twinLog, config.historyRetentionDays);
  lastValues.start();
  // Camera feeds: one ffmpeg per camera twin, forwarded to every viewer (SPEC VS1).
  // With several processes only a camera's owner runs its ffmpeg; the others get its packets over Redis (SPEC VS4).
  const videoLog = log.child({ part: 'video' });
  const videoSub = cluster && config.video ? await redisClient(config.redisUrl) : undefined;
  const relay =
    cluster && clusterRedis && videoSub
      ? new FeedRelay(clusterRedis, videoSub, {
          prefix: config.redisPrefix,
          log: videoLog,
          packet: (camera, packet) => video.relayedPacket(camera, packet),
          status: (s) => video.relayedStatus(s),
        })
      : null;
  await relay?.start();
  const video: VideoHub = new VideoHub(twins, config, videoLog, {}, cluster && relay ? { ownership: cluster.leases, relay } : undefined);
  await video.start();
  const passcodes = createPasscodeLimiter(undefined, await redisClient(config.redisUrl));
  const tokens = config.joinTokens ? await createTokenVerifier(config.joinTokens, undefined, (t) => revocations!.check(t)) : null;
  const app = createHttpApp({
    assetsDir: config.assetsDir,
    layouts,
    buildings,
    map: config.map,
    // Where people are, per instance (SPEC SP2): private where joining takes a signed token.
    rooms: { of: roomsOf, cap: config.maxPerSpace, private: tokens !== null, adminToken: config.adminToken },
    twins: {
      runtime: twins,
      spacesOf: (id) => layouts.names().filter((n) => layouts.resolve(n).layout.twins.some((t) => t.twin === id)),
      ingestToken: config.ingestToken,
      ingestRate: config.ingestRate,
      ...(share ? { shareIngest: share.publish } : {}),
    },
    log: log.child({ part: 'http' }),
    version: readVersion(),
    clientDir: config.clientDir,
    stats: () => ({ rooms: matchMaker.stats.local.roomCount, clients: matchMaker.stats.local.ccu }),
    store: () => store.health(),
    history: { runtime: twins, store, retentionDays: config.historyRetentionDays },
    lastValuesSaved: () => lastValues.saved,
    revocations: { revocations, adminToken: config.adminToken },
    // Pages publishing a camera: operators of a space that places it (SPEC CP3).
    publish: {
      hub: video,
      access: publishAccess({ layouts, tokens, passcodes, log: videoLog }),
      ingest: (camera, property, value) => twins.ingest(camera, property, value),
    },
  });
  const httpServer = config.tls
    ? https.createServer({ cert: fs.readFileSync(config.tls.certFile), key: fs.readFileSync(config.tls.keyFile) }, app)
    : http.createServer(app);

  // Colyseus answers every origin with "*" by default; only the allowed ones get an Allow-Origin.
  delete (matchMaker.controller.DEFAULT_CORS_HEADERS as Record<string, string>)['Access-Control-Allow-Origin'];
  matchMaker.controller.getCorsHeaders = (req): Record<string, string> => {
    const origin = req.headers.origin;
    return origin && isOriginAllowed(origin, req.headers.host, config.allowedOrigins)
      ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' }
      : { Vary: 'Origin' };
  };
  const allowedHosts = configuredHosts(config.allowedHosts, config.publicAddress, config.allowedOrigins);
  // ws' own option, passed through to its server (its typings lack it): a socket the server closed (a
  // kick, a refusal budget spent, a withdrawn token) is cut when it has not answered the close by then,
  // so a client that never answers frees its seat in seconds, not ws' 30 s (SPEC HD11).
  const closeTimeout = { closeTimeout: config.closeAnswerMs } as Record<string, unknown>;
  const transport = new WebSocketTransport({
    ...closeTimeout,
    server: httpServer,
    maxPayload: MAX_FRAME_BYTES,
    verifyClient: (info: { origin?: string; req: http.IncomingMessage }) => {
      // The Host first: with DNS rebinding the Origin matches the (attacker's) Host (SPEC HD4).
      if (!isHostAllowed(info.req.headers.host, allowedHosts)) {
        log.warn({ host: info.req.headers.host }, 'WebSocket for a host name this server does not serve refused');
        return false;
      }
      const ok = !info.origin || isOriginAllowed(info.origin, info.req.headers.host, config.allowedOrigins);
      if (!ok) log.warn({ origin: info.origin }, 'WebSocket from a foreign origin refused');
      return ok;
    },
  });
  quietSocketErrors((transport as unknown as { wss: EventEmitter }).wss, log.child({ part: 'ws' }));
  const gameServer = new Server({
    transport,
    greet: false,
    gracefullyShutdown: false,
    logger: log.child({ part: 'colyseus' }),
    ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
    ...scaleOut,
  });
  const memory = new SpaceMemory(500, storePersistence(store), log.child({ part: 'memory' }));
  // Chat and board of spaces nobody visited for SPACE_RETENTION_DAYS are pruned (SPEC RS8).
  const retention = new SpaceRetention(
    store,
    memory,
    { retentionDays: config.spaceRetentionDays, everyMs: config.spacePruneMinutes * 60_000 },
    log.child({ part: 'retention' }),
  );
  const deps: SpaceRoomDeps = {
    log: log.child({ part: 'room' }),
    layouts,
    patchRateMs: config.patchRateMs,
    reconnectSeconds: config.reconnectSeconds,
    maxPerSpace: config.maxPerSpace,
    twins,
    meetings: config.meetings,
    memory,
    journal,
    notes,
    replay: { source: store, retentionDays: config.historyRetentionDays, wall: Date.now },
    video,
    ...(revocations ? { revocations } : {}),
  };
  // People inside are held to revocations too, also another process's (SPEC JT9).
  revocations?.watch();
  const guard = createJoinGuard({ meetings: config.meetings, layouts, passcodes, tokens, log: log.child({ part: 'auth' }) });
  // `space` comes from each client's join options, `instance` from the admission (SPEC J6); `deps`
  // from here (define's options win the merge). Admission waits (bounded) for the space's building
  // before matchmaking, so no room opens before its layout is complete (SPEC BM2).
  const admit = admitToSpace(guard, {
    layouts,
    buildings,
    buildingWaitMs: config.buildingWaitMs,
    log: log.child({ part: 'admission' }),
  });
  gameServer.define(ROOM_NAME, spaceRoomType(admit), { deps } as SpaceRoomOptions).filterBy(['space', INSTANCE_OPTION]);
  oneRoomPerSpace(ROOM_NAME);

  await gameServer.listen(config.port, config.host);
  retention.start();
  guardRequests(httpServer, {
    allowedHosts,
    getRate: config.httpRate,
    getWindowSeconds: config.httpRateWindow,
    log: log.child({ part: 'http' }),
  });
  const port = (httpServer.address() as AddressInfo).port;
  const url = `${config.tls ? 'https' : 'http'}://localhost:${port}`;
  log.info({ url, port }, `Twinverse is running: open ${url}`);

  let closed = false;
  return {
    port,
    url,
    log,
    twins,
    store,
    history,
    video,
    buildings,
    restored: () => lastValues.restored,
    async close() {
      if (closed) return;
      closed = true;
      await share?.stop().catch(() => undefined);
      await buildings.close();
      // Its twins are given back first, so another process takes them over at once (SPEC S4).
      await cluster?.stop().catch(() => undefined);
      clusterRedis?.disconnect();
      // What people did up to now is saved before they are told the server is going (SPEC RS5):
      // the rooms then close every session with SERVER_RESTARTING (SpaceRoom.onBeforeShutdown).
      await settled(store.drained(), FLUSH_BEFORE_CLOSE_MS);
      await gameServer.gracefullyShutdown(false);
      httpServer.closeAllConnections();
      // Sources stop and pending commands are recorded aborted, then every held value is queued,
      // then the store saves the queue and closes (SPEC ST4, HS2).
      video.stop();
      await relay?.stop();
      videoSub?.disconnect();
      await twins.stop();
      history?.stop();
      retention.stop();
      revocations?.stop();
      lastValues.stop();
      await store.close();
      passcodes.close();
    },
  };
}
