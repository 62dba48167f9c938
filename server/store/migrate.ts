/**
 * Applies the numbered migrations (migrations.ts) not yet recorded in `schema_version`, each in its
 * own transaction so a failure leaves the previous version intact (SPEC ST3).
 */
import { MIGRATIONS } from './migrations.js';
import type { Db } from './sqlClient.js';

export async function migrate(db: Db): Promise<void> {
  const s = db.schema;
  await db.client.exec(
    `CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`,
  );
  const current = await schemaVersion(db);
  for (const m of MIGRATIONS) {
    if (m.version <= current) continue;
    await db.client.exec(
      `BEGIN; SET LOCAL search_path TO ${s}; ${m.sql}; INSERT INTO ${s}.schema_version (version) VALUES (${m.version}); COMMIT;`,
    );
  }
}

export async function schemaVersion(db: Db): Promise<number> {
  const { rows } = await db.client.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${db.schema}.schema_version`);
  return rows[0]?.v ?? 0;
}
