/**
 * The HTTP side of the one server: health, the built client, and (later) the REST API. The Colyseus
 * matchmaking routes and the WebSocket share the same `http.Server`.
 */
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import { PROTOCOL_VERSION } from '../../shared/protocol/version.js';
import type { Logger } from '../log.js';
import { faultsApi } from './faultsApi.js';
import { twinsApi, type TwinsApiDeps } from './twinsApi.js';
import { historyApi, type HistoryApiDeps } from './historyApi.js';
import { notesApi } from './notesApi.js';
import { revocationsApi, type RevocationsApiDeps } from './revocationsApi.js';
import { auditApi } from './auditApi.js';
import { spacesApi, type SpacesApiDeps } from './spacesApi.js';
import type { SpaceLayouts } from '../spaces/layouts.js';
import type { Buildings } from '../buildings/buildings.js';
import type { MapConfig } from '../geo/mapConfig.js';
import type { StoreHealth } from '../store/storeQueue.js';
import { publishApi, type PublishApiDeps } from '../video/publishApi.js';

export interface HttpDeps {
  log: Logger;
  version: string;
  clientDir: string;
  /** Live room and client counts for /health. */
  stats(): { rooms: number; clients: number };
  /** Twin API (server/http/twinsApi.ts). */
  twins: Omit<TwinsApiDeps, 'log'>;
  /** Folder whose `models/` subfolder is served at /assets/models (twin glTF models). */
  assetsDir: string;
  /** The store's state for /health (SPEC ST5). */
  store(): StoreHealth;
  /** History API (server/http/historyApi.ts). */
  history: Omit<HistoryApiDeps, 'log'>;
  /** Twin last values written to the store so far, for /health (SPEC RS4). */
  lastValuesSaved?: () => number;
  /** Revoking join tokens (server/http/revocationsApi.ts, SPEC JT7). */
  revocations?: Omit<RevocationsApiDeps, 'log' | 'store'>;
  /** Space layouts, for a space's title before joining (SPEC SP1). */
  layouts: SpaceLayouts;
  /** Converted IFC buildings, served at /assets/buildings/<layout>.glb and .json (SPEC BM3). */
  buildings?: Buildings;
  /** The overview's ground map tiles (SPEC GS10). */
  map?: MapConfig['map'];
  /** Occupancy of a space's instances (SPEC SP2); absent: the route answers 404. */
  rooms?: SpacesApiDeps['rooms'];
  /** Pages publishing a camera (server/video/publishApi.ts, SPEC CP2). */
  publish?: Omit<PublishApiDeps, 'log'>;
}

export function createHttpApp(deps: HttpDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  const startedAt = Date.now();

  app.get('/health', (_req, res) => {
    const store = deps.store();
    res.json({
      // Rooms keep serving without the store: degraded, not down (SPEC ST5).
      status: store.state === 'ready' ? 'ok' : 'degraded',
      store,
      version: deps.version,
      protocol: PROTOCOL_VERSION,
      uptime: Math.round((Date.now() - startedAt) / 1000),
      ...deps.stats(),
      ...(deps.lastValuesSaved ? { lastValuesSaved: deps.lastValuesSaved() } : {}),
      // Building files still being read: their spaces open once they are (SPEC BM2).
      ...(deps.buildings ? { buildings: { loading: deps.buildings.loading() } } : {}),
    });
  });

  const index = path.join(deps.clientDir, 'index.html');
  if (fs.existsSync(index)) {
    app.use(express.static(deps.clientDir, { index: 'index.html', maxAge: '1h', setHeaders: noCacheHtml }));
    // Space links (/?space=…) all land on the one page.
    app.get('/', (_req, res) => res.sendFile(index));
    // The camera-publishing page (SPEC CP5): /camera?twin=cam-3.
    app.get('/camera', (_req, res) => res.sendFile(path.join(deps.clientDir, 'camera.html')));
  } else {
    deps.log.warn({ clientDir: deps.clientDir }, 'no built client found; run `npm run build`');
    app.get('/', (_req, res) => {
      res.status(503).type('text/plain').send(`The client is not built. Run \`npm run build\` (looked in ${deps.clientDir}).`);
    });
  }

  // Model files only: the folder also holds the script that builds them (SPEC GM6).
  app.use('/assets/models', (req, res, next) => {
    if (/\.(glb|gltf)$/.test(req.path)) next();
    else res.status(404).json({ error: 'not_found', message: 'Only .glb and .gltf models are served here.' });
  });
  app.use('/assets/models', express.static(path.join(deps.assetsDir, 'models'), { maxAge: '1h', fallthrough: false }));
  // A layout's building, as converted at start-up: the glb and its element index (SPEC BM3).
  app.get(/^\/assets\/buildings\/([a-z0-9][a-z0-9_-]{0,47})\.(glb|json)$/, (req, res) => {
    const [name, kind] = [req.params[0] ?? '', req.params[1]];
    const building = deps.buildings?.of(name);
    if (!building) {
      res.status(404).json({ error: 'not_found', message: `Space layout ${name} has no building.` });
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    if (kind === 'json') res.json(building.index);
    else res.type('model/gltf-binary').send(Buffer.from(building.glb.buffer, building.glb.byteOffset, building.glb.byteLength));
  });
  app.use('/api/twins', twinsApi({ ...deps.twins, log: deps.log }));
  app.use('/api/twins', historyApi({ ...deps.history, log: deps.log }));
  app.use('/api/twins', faultsApi({ ...deps.twins, log: deps.log }));
  // Notes and the audit log read the same store as history (SPEC NT4, AU2).
  const { runtime, store, now } = deps.history;
  app.use('/api/twins', notesApi({ runtime, store, log: deps.log, ...(now ? { now } : {}) }));
  app.use(
    '/api/spaces',
    spacesApi({
      layouts: deps.layouts,
      log: deps.log,
      runtime,
      ...(deps.map ? { map: deps.map } : {}),
      ...(deps.rooms ? { rooms: deps.rooms } : {}),
    }),
  );
  app.use('/api/audit', auditApi({ store, log: deps.log, ...(now ? { now } : {}) }));
  if (deps.publish) app.use('/api/video', publishApi({ ...deps.publish, log: deps.log }));
  app.use('/api/tokens', revocationsApi({ revocations: null, adminToken: undefined, ...deps.revocations, store, log: deps.log }));
  app.use('/api', (req, res) => {
    res.status(404).json({ error: 'not_found', message: `No API route ${req.method} ${req.originalUrl}` });
  });

  app.use((err: Error & { status?: number; type?: string }, req: Request, res: Response, _next: NextFunction) => {
    const status = err.status && err.status >= 400 && err.status < 600 ? err.status : 500;
    if (status >= 500) deps.log.error({ err, url: req.originalUrl }, 'HTTP handler failed');
    else deps.log.warn({ url: req.originalUrl, status, message: err.message }, 'HTTP request refused');
    res.status(status).json({ error: err.type ?? 'error', message: status >= 500 ? 'Internal error' : err.message });
  });
  return app;
}

function noCacheHtml(res: Response, file: string): void {
  // The page names hashed bundles: it must be fetched fresh so a deploy reaches everyone.
  if (file.endsWith('.html')) res.setHeader('Cache-Control', 'no-cache');
}
