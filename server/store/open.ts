/**
 * Opens the configured command store: PostgreSQL (`pg`) when DATABASE_URL is set, else PGlite (the
 * same PostgreSQL, compiled to WebAssembly, in this process) in DATA_DIR or in memory. Both are
 * loaded on demand, so `npm start` needs no service and a process that never records a command never
 * pays PGlite's start-up (about 1 s with an existing data dir, several on a fresh one).
 */
import fs from 'node:fs';
import type { CommandStore } from './commandStore.js';
import { SqlCommandStore, type SqlClient } from './sqlStore.js';

export interface StoreConfig {
  databaseUrl: string | undefined;
  /** PGlite data folder, or undefined for in-memory. */
  dataDir: string | undefined;
  schema: string;
}

export async function openCommandStore(c: StoreConfig): Promise<CommandStore> {
  if (c.databaseUrl) {
    const { default: pg } = await import('pg');
    const pool = new pg.Pool({ connectionString: c.databaseUrl, max: 4 });
    const client: SqlClient = {
      query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }),
      exec: async (text) => {
        const conn = await pool.connect();
        try {
          await conn.query(text);
        } finally {
          conn.release();
        }
      },
      close: () => pool.end(),
    };
    try {
      return await SqlCommandStore.open(client, c.schema, 'postgres');
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw new Error(`PostgreSQL store at DATABASE_URL failed to open: ${(err as Error).message}`);
    }
  }
  const { PGlite } = await import('@electric-sql/pglite');
  if (c.dataDir) fs.mkdirSync(c.dataDir, { recursive: true });
  const db = c.dataDir ? await PGlite.create(c.dataDir) : await PGlite.create();
  const client: SqlClient = {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await db.query<R>(text, params)).rows }),
    exec: async (text) => {
      await db.exec(text);
    },
    close: () => db.close(),
  };
  return SqlCommandStore.open(client, c.schema, c.dataDir ? `pglite (${c.dataDir})` : 'pglite (memory)');
}

/** A store opened on first use; start-up does not wait for it. Errors are reported by each call. */
export class LazyCommandStore implements CommandStore {
  private opening: Promise<CommandStore> | null = null;

  constructor(private readonly config: StoreConfig) {}

  get kind(): string {
    return this.config.databaseUrl ? 'postgres' : this.config.dataDir ? `pglite (${this.config.dataDir})` : 'pglite (memory)';
  }

  private store(): Promise<CommandStore> {
    // A failed open (database down) is retried on the next call rather than remembered forever.
    this.opening ??= openCommandStore(this.config).catch((err: unknown) => {
      this.opening = null;
      throw err;
    });
    return this.opening;
  }

  async record(...a: Parameters<CommandStore['record']>): Promise<void> {
    return (await this.store()).record(...a);
  }

  async complete(...a: Parameters<CommandStore['complete']>): Promise<void> {
    return (await this.store()).complete(...a);
  }

  async recent(...a: Parameters<CommandStore['recent']>): Promise<Awaited<ReturnType<CommandStore['recent']>>> {
    return (await this.store()).recent(...a);
  }

  async close(): Promise<void> {
    if (!this.opening) return;
    const s = await this.opening.catch(() => null);
    await s?.close();
  }
}
