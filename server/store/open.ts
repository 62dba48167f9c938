/**
 * Opens the configured database and brings its schema up to date: PostgreSQL (`pg`) when
 * DATABASE_URL is set, else PGlite in a worker thread, in DATA_DIR or in memory (SPEC ST1–ST3).
 * store.ts calls it in the background at start-up; tests call it directly.
 */
import fs from 'node:fs';
import type { Logger } from '../log.js';
import { migrate } from './migrate.js';
import { pgClient } from './pgClient.js';
import { pgliteClient } from './pgliteClient.js';
import { quoteSchema, type Db } from './sqlClient.js';

export interface StoreConfig {
  databaseUrl: string | undefined;
  /** PGlite data folder, or undefined for in-memory. */
  dataDir: string | undefined;
  schema: string;
}

export function storeKind(c: StoreConfig): string {
  return c.databaseUrl ? 'postgres' : c.dataDir ? `pglite (${c.dataDir})` : 'pglite (memory)';
}

/** `onLost`: the embedded database's worker died after opening (reopen it). */
export async function openDatabase(c: StoreConfig, log: Logger, onLost: (why: string) => void = () => undefined): Promise<Db> {
  const schema = quoteSchema(c.schema);
  if (c.databaseUrl) {
    const client = await pgClient(c.databaseUrl, log);
    try {
      const db = { client, schema };
      await migrate(db);
      return db;
    } catch (err) {
      await client.close().catch(() => undefined);
      throw Object.assign(new Error(`PostgreSQL store at DATABASE_URL failed to open: ${(err as Error).message}`), {
        code: (err as { code?: unknown }).code,
      });
    }
  }
  if (c.dataDir) fs.mkdirSync(c.dataDir, { recursive: true });
  const client = await pgliteClient(c.dataDir, onLost);
  const db = { client, schema };
  try {
    await migrate(db);
  } catch (err) {
    await client.close().catch(() => undefined);
    throw err;
  }
  return db;
}
