/**
 * PGlite (PostgreSQL compiled to WebAssembly) owned by a worker thread. PGlite computes on the thread
 * that calls it: opening a fresh data folder took 5–70 s and each query runs the database engine, so
 * on the server's own thread it froze every room (issue 10, fault 2). Here the room loop only posts
 * messages; the worker opens the folder, runs the SQL and posts rows back.
 *
 * The worker's source is a small CommonJS string (`eval: true`) so it runs the same under tsx, the
 * test runner and the compiled server, none of which would otherwise agree on a worker file's path
 * or language. It loads PGlite from the URL the main thread resolved.
 */
import { Worker } from 'node:worker_threads';
import type { SqlClient, Statement } from './sqlClient.js';

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db = null;
const opened = import(workerData.pglite).then(async ({ PGlite }) => {
  db = workerData.dataDir ? await PGlite.create(workerData.dataDir) : await PGlite.create();
});
parentPort.on('message', async (m) => {
  try {
    await opened;
    let rows = null;
    if (m.op === 'query') rows = (await db.query(m.text, m.params)).rows;
    else if (m.op === 'exec') await db.exec(m.text);
    else if (m.op === 'batch')
      await db.transaction(async (tx) => {
        for (const s of m.statements) await tx.query(s.text, s.params);
      });
    else if (m.op === 'close') await db.close();
    parentPort.postMessage({ id: m.id, rows });
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: (e && e.message) || String(e), code: e && e.code });
  }
});
`;

interface Reply {
  id: number;
  rows?: unknown[] | null;
  error?: string;
  code?: string;
}

export class WorkerError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
  ) {
    super(message);
  }
}

/**
 * Starts the worker and waits until the database is open. `onLost` is called if the worker dies
 * later (every call in flight fails; the store reopens).
 */
export async function pgliteClient(dataDir: string | undefined, onLost: (why: string) => void): Promise<SqlClient> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { pglite: import.meta.resolve('@electric-sql/pglite'), dataDir },
  });
  let next = 1;
  let closing = false;
  const waiting = new Map<number, { resolve: (rows: unknown[]) => void; reject: (e: Error) => void }>();
  const failAll = (why: string) => {
    for (const w of waiting.values()) w.reject(new WorkerError(why, undefined));
    waiting.clear();
  };
  worker.on('message', (r: Reply) => {
    const w = waiting.get(r.id);
    if (!w) return;
    waiting.delete(r.id);
    if (r.error !== undefined) w.reject(new WorkerError(r.error, r.code));
    else w.resolve(r.rows ?? []);
  });
  worker.on('error', (err) => failAll(`PGlite worker failed: ${err.message}`));
  worker.on('exit', (code) => {
    failAll(`PGlite worker exited (${code})`);
    if (!closing) onLost(`PGlite worker exited (${code})`);
  });
  const call = (m: { op: string; text?: string; params?: unknown[]; statements?: Statement[] }) =>
    new Promise<unknown[]>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      worker.postMessage({ id, ...m });
    });
  const client: SqlClient = {
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await call({ op: 'query', text, params })) as R[] }),
    exec: async (text) => {
      await call({ op: 'exec', text });
    },
    batch: async (statements) => {
      await call({ op: 'batch', statements });
    },
    close: async () => {
      closing = true;
      await call({ op: 'close' }).catch(() => undefined);
      await worker.terminate();
    },
  };
  try {
    await client.query('SELECT 1');
  } catch (err) {
    closing = true;
    await worker.terminate();
    throw err;
  }
  return client;
}
