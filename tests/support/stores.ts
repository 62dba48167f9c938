/**
 * Runs a scenario against each store the server can use: the real PostgreSQL (a fresh schema of its
 * own, dropped afterwards) and the embedded PGlite (a fresh data folder, removed afterwards). The
 * scenario gets the environment that points a child server at that store.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { it } from 'vitest';
import { DATABASE_URL, requireService, uniqueName } from './services.js';

/** Environment variables that point the server at one store. */
export type StoreEnv = Record<string, string>;

export async function dropSchema(schema: string): Promise<void> {
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  await db.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await db.end();
}

/** `run` against a PostgreSQL schema of its own (`prefix` names it), dropped afterwards. */
export async function withPostgresStore(prefix: string, run: (env: StoreEnv) => Promise<void>): Promise<void> {
  await requireService('postgres');
  const schema = uniqueName(prefix).toLowerCase();
  try {
    await run({ DATABASE_URL, DATABASE_SCHEMA: schema });
  } finally {
    await dropSchema(schema);
  }
}

/** `run` against a fresh PGlite data folder (`prefix` names it), removed afterwards. */
export async function withPgliteStore(prefix: string, run: (env: StoreEnv) => Promise<void>): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  try {
    await run({ DATA_DIR: dataDir });
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface StoreTimeouts {
  /** ms; PGlite computes on the server's own thread and is the slower of the two under load. */
  postgres: number;
  pglite: number;
}

/**
 * One test per store, named "PostgreSQL" and "PGlite data folder": call it inside a `describe` whose
 * name carries the SPEC IDs the scenario checks.
 */
export function forEachStore(prefix: string, run: (env: StoreEnv) => Promise<void>, timeouts: StoreTimeouts): void {
  it('PostgreSQL', () => withPostgresStore(prefix, run), timeouts.postgres);
  it('PGlite data folder', () => withPgliteStore(`twinverse-${prefix}`, run), timeouts.pglite);
}
