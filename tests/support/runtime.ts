/**
 * A twin runtime over the project's factory definitions with no source started and a command store
 * that is never opened: for unit tests that feed values through the ingest path by hand.
 */
import path from 'node:path';
import { pino } from 'pino';
import { loadTwinDefinitions } from '../../server/twins/loader.js';
import { TwinRuntime } from '../../server/twins/runtime.js';
import type { TwinDefinition } from '../../server/twins/definition.js';
import { Store } from '../../server/store/store.js';

export async function factoryRuntime(): Promise<TwinRuntime> {
  const { twins } = await loadTwinDefinitions(path.resolve('assets/twins'));
  return sourcelessRuntime(twins);
}

/** A runtime over `twins` with no source and a never-opened store (the anomaly bench builds many). */
export function sourcelessRuntime(twins: TwinDefinition[]): TwinRuntime {
  return new TwinRuntime(twins, {
    mqttUrl: undefined,
    simulator: false,
    seed: 1,
    commandTimeoutMs: 1000,
    // Never opened: these tests send no command.
    store: new Store({ databaseUrl: undefined, dataDir: undefined, schema: 'unused' }, pino({ level: 'silent' })).commands,
    log: pino({ level: 'silent' }),
  });
}
