/**
 * Builds the process's twin runtime from configuration: load the definitions (broken files are
 * logged with file and JSON path, and skipped), pick the sources, open the command store lazily.
 */
import type { Logger } from '../log.js';
import { LazyCommandStore } from '../store/open.js';
import type { TwinConfig } from '../twinConfig.js';
import { loadTwinDefinitions } from './loader.js';
import { TwinRuntime } from './runtime.js';

export async function startTwinRuntime(config: TwinConfig, log: Logger): Promise<TwinRuntime> {
  const loaded = await loadTwinDefinitions(config.twinsDir);
  for (const f of loaded.failures)
    for (const p of f.problems) log.error({ file: p.file, path: p.path }, `twin definition skipped: ${p.path}: ${p.message}`);
  const store = new LazyCommandStore({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, schema: config.databaseSchema });
  const runtime = new TwinRuntime(loaded.twins, {
    mqttUrl: config.mqttUrl,
    simulator: config.simulator,
    httpIngest: config.ingestToken !== undefined,
    seed: config.simSeed,
    commandTimeoutMs: config.commandTimeoutMs,
    store,
    log,
    failures: loaded.failures,
    clock: config.twinClock,
  });
  runtime.start();
  return runtime;
}
