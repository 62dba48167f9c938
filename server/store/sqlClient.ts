/**
 * What the store needs of a SQL connection with PostgreSQL semantics, whichever runs it: PGlite in a
 * worker thread (pgliteClient.ts) or PostgreSQL through `pg` (pgClient.ts). Every table module takes
 * a {@link Db} and speaks plain parameterised SQL that both run (SPEC ST2).
 */

export interface Statement {
  text: string;
  params?: unknown[];
}

export interface SqlClient {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Runs one or more statements without parameters. */
  exec(text: string): Promise<void>;
  /** Runs the statements in one transaction: all or none. */
  batch(statements: Statement[]): Promise<void>;
  close(): Promise<void>;
}

/** An open, migrated database: the client and the quoted schema every table lives in. */
export interface Db {
  client: SqlClient;
  /** Quoted schema name, ready to prefix table names (`"twinverse".twin_commands`). */
  schema: string;
}

export function quoteSchema(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name "${name}"`);
  return `"${name}"`;
}

/**
 * Whether a failed statement may succeed later (the database is down, restarting or out of
 * connections) rather than being wrong in itself (bad data, a constraint, a bug): SQLSTATE classes
 * 08 (connection), 53 (resources), 57 (operator intervention: shutdown) and 58, socket errors
 * (`ECONNREFUSED` …), and the driver's and worker's own connection messages. Anything else would
 * fail again: retrying it would block every write behind it.
 */
export function isTransient(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = e?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return ['08', '53', '57', '58'].includes(code.slice(0, 2));
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) return true;
  const message = typeof e?.message === 'string' ? e.message : '';
  return /connection|connect|terminated|timeout|worker exited|worker failed|shutting down/i.test(message);
}
