/**
 * PostgreSQL through a `pg` pool (DATABASE_URL). The pool reconnects by itself: while the database is
 * down each query fails fast (connection timeout), and the store's write queue retries.
 */
import type { Logger } from '../log.js';
import type { SqlClient } from './sqlClient.js';

/** How long a query waits for a connection before failing, ms. */
const CONNECT_TIMEOUT_MS = 3000;

export async function pgClient(url: string, log: Logger): Promise<SqlClient> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: url, max: 4, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, query_timeout: 60_000 });
  // An idle connection dropped by the server (restart, failover) is reported here; without a
  // listener the pool's error event would end the process.
  pool.on('error', (err) => log.warn({ problem: err.message }, 'PostgreSQL connection lost'));
  return {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await pool.query(text, params)).rows as R[] }),
    exec: async (text) => {
      const conn = await pool.connect();
      try {
        await conn.query(text);
      } catch (err) {
        // A failed statement inside the text's own BEGIN leaves the connection in an aborted block.
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    batch: async (statements) => {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        for (const s of statements) await conn.query(s.text, s.params);
        await conn.query('COMMIT');
      } catch (err) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        conn.release();
      }
    },
    close: () => pool.end(),
  };
}
