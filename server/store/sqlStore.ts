/**
 * The command store over any SQL client with PostgreSQL semantics (PGlite or `pg`): migrations,
 * then plain parameterised statements. Everything lives in one schema (`DATABASE_SCHEMA`, default
 * `twinverse`), so a test run can use its own.
 */
import type { CommandStatus } from '../../shared/twin/data.js';
import type { CommandStore, StoredCommand } from './commandStore.js';
import { MIGRATIONS } from './migrations.js';

/** What the store needs of a SQL connection. */
export interface SqlClient {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs one or more statements without parameters. */
  exec(text: string): Promise<void>;
  close(): Promise<void>;
}

interface Row {
  id: string;
  twin: string;
  action: string;
  input: unknown;
  by_session: string;
  by_name: string;
  space: string;
  status: CommandStatus;
  reason: string;
  at: Date | string;
  done_at: Date | string | null;
}

const ident = (name: string) => {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name "${name}"`);
  return `"${name}"`;
};

export class SqlCommandStore implements CommandStore {
  private readonly schema: string;

  private constructor(
    private readonly db: SqlClient,
    schema: string,
    readonly kind: string,
  ) {
    this.schema = ident(schema);
  }

  /** Opens the store: creates the schema and applies any migration not yet applied. */
  static async open(db: SqlClient, schema: string, kind: string): Promise<SqlCommandStore> {
    const store = new SqlCommandStore(db, schema, kind);
    await store.migrate();
    return store;
  }

  private async migrate(): Promise<void> {
    const s = this.schema;
    await this.db.exec(
      `CREATE SCHEMA IF NOT EXISTS ${s}; CREATE TABLE IF NOT EXISTS ${s}.schema_version (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now());`,
    );
    const { rows } = await this.db.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${s}.schema_version`);
    const current = rows[0]?.v ?? 0;
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      // One transaction per migration: a failure leaves the previous version intact.
      await this.db.exec(
        `BEGIN; SET LOCAL search_path TO ${s}; ${m.sql}; INSERT INTO ${s}.schema_version (version) VALUES (${m.version}); COMMIT;`,
      );
    }
  }

  async version(): Promise<number> {
    const { rows } = await this.db.query<{ v: number | null }>(`SELECT max(version) AS v FROM ${this.schema}.schema_version`);
    return rows[0]?.v ?? 0;
  }

  async record(c: StoredCommand): Promise<void> {
    await this.db.query(
      `INSERT INTO ${this.schema}.twin_commands (id, twin, action, input, by_session, by_name, space, status, reason, at, done_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, to_timestamp($10 / 1000.0), CASE WHEN $11::float8 IS NULL THEN NULL ELSE to_timestamp($11::float8 / 1000.0) END)`,
      [
        c.id,
        c.twin,
        c.action,
        c.input === undefined ? null : JSON.stringify(c.input),
        c.bySession,
        c.byName,
        c.space,
        c.status,
        c.reason,
        c.at,
        c.doneAt,
      ],
    );
  }

  async complete(id: string, status: CommandStatus, reason: string, doneAt: number): Promise<void> {
    await this.db.query(
      `UPDATE ${this.schema}.twin_commands SET status = $2, reason = $3, done_at = to_timestamp($4 / 1000.0) WHERE id = $1`,
      [id, status, reason, doneAt],
    );
  }

  async recent(twin: string, limit: number): Promise<StoredCommand[]> {
    const { rows } = await this.db.query<Row>(`SELECT * FROM ${this.schema}.twin_commands WHERE twin = $1 ORDER BY at DESC LIMIT $2`, [
      twin,
      limit,
    ]);
    return rows.map((r) => ({
      id: r.id,
      twin: r.twin,
      action: r.action,
      input: typeof r.input === 'string' ? (JSON.parse(r.input) as unknown) : r.input,
      bySession: r.by_session,
      byName: r.by_name,
      space: r.space,
      status: r.status,
      reason: r.reason,
      at: new Date(r.at).getTime(),
      doneAt: r.done_at === null ? null : new Date(r.done_at).getTime(),
    }));
  }

  async close(): Promise<void> {
    await this.db.close();
  }
}
