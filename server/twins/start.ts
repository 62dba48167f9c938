/**
 * Builds the process's twin runtime from configuration: load the definitions (broken files are
 * logged with file and JSON path, and skipped), pick the sources, record commands in the store and
 * values through the history recorder.
 */
import type { Logger } from '../log.js';
import type { CommandStore } from '../store/commandStore.js';
import type { TwinConfig } from './config.js';
import { loadTwinDefinitions } from './loader.js';
import { TwinRuntime } from './runtime.js';
import type { TwinMemoryHooks, TwinRecorder } from './runtimeOptions.js';

export async function startTwinRuntime(
  config: TwinConfig,
  log: Logger,
  store: CommandStore,
  recorder?: TwinRecorder,
  memory?: TwinMemoryHooks,
  /** Leave it unstarted: the caller first joins it to the other processes (SPEC S4), then starts it. */
  startNow = true,
): Promise<TwinRuntime> {
  const loaded = await loadTwinDefinitions(config.twinsDir);
  for (const f of loaded.failures)
    for (const p of f.problems) log.error({ file: p.file, path: p.path }, `twin definition skipped: ${p.path}: ${p.message}`);
  const runtime = new TwinRuntime(loaded.twins, {
    mqttUrl: config.mqttUrl,
    simulator: config.simulator,
    httpIngest: config.ingestToken !== undefined,
    seed: config.simSeed,
    commandTimeoutMs: config.commandTimeoutMs,
    store,
    ...(recorder ? { recorder } : {}),
    log,
    failures: loaded.failures,
    clock: config.twinClock,
    ...(memory ? { memory } : {}),
  });
  if (startNow) runtime.start();
  return runtime;
}
