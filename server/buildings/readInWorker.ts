/**
 * Reads and converts one building in a worker thread of its own (SPEC BM2): the server's event loop
 * stays free while web-ifc parses (a 50 MB model takes tens of seconds). The thread is bounded: its
 * JavaScript heap by `resourceLimits` (past it: `out_of_memory`), its time by a budget (past it the
 * thread is ended: `too_slow`); web-ifc caps its own model memory (its MEMORY_LIMIT, 2 GiB). The
 * thread ends after its one reply.
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BuildingIndex } from '../../shared/space/building.js';
import { BuildingError, DEFAULT_LIMITS, type MapConversion, type ReadLimits } from './ifcReader.js';
import type { WorkerJob, WorkerReply } from './ifcWorker.js';

/** What reading a building gives: the glb, its element index and the file's map conversion. */
export interface LoadedBuilding {
  glb: Uint8Array;
  index: BuildingIndex;
  map: MapConversion | null;
}

/** The reader thread's budget. */
export interface WorkerBudget {
  /** Longest a read may take, seconds. */
  seconds: number;
  /** The thread's JavaScript heap (old generation), MiB. */
  heapMb: number;
}

/** A 96 MiB file (the size limit) parses in about a minute on a busy 2-vCPU machine (bench/RESULTS.md). */
export const DEFAULT_BUDGET: WorkerBudget = { seconds: 300, heapMb: 1536 };

// Under tsx and the test runner the server runs from its .ts sources, compiled it runs from .js:
// the worker is started from a small bootstrap that registers tsx's loader only for the former.
const SOURCE = import.meta.url.endsWith('.ts');
const WORKER_URL = new URL(`./ifcWorker.${SOURCE ? 'ts' : 'js'}`, import.meta.url).href;
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  await import(workerData.module);
})().catch((err) => { throw err; });
`;

/** A read under way: its outcome, and a way to end it (the server stopping). */
export interface BuildingRead {
  done: Promise<LoadedBuilding>;
  stop(): Promise<void>;
}

/** Starts reading `file` (under `assetsDir`) in a thread of its own; `done` rejects with a BuildingError. */
export function readInWorker(
  assetsDir: string,
  file: string,
  limits: ReadLimits = DEFAULT_LIMITS,
  budget: WorkerBudget = DEFAULT_BUDGET,
): BuildingRead {
  const job: WorkerJob = { full: path.join(assetsDir, file), file, limits };
  const worker = new Worker(BOOTSTRAP, {
    eval: true,
    workerData: { ...job, module: WORKER_URL, tsx: SOURCE ? import.meta.resolve('tsx/esm/api') : null },
    resourceLimits: { maxOldGenerationSizeMb: budget.heapMb },
  });
  let finish: (outcome: LoadedBuilding | BuildingError) => Promise<void> = async () => undefined;
  const done = new Promise<LoadedBuilding>((resolve, reject) => {
    let ended = false;
    finish = async (outcome) => {
      if (ended) return;
      ended = true;
      clearTimeout(timer);
      if (outcome instanceof BuildingError) reject(outcome);
      else resolve(outcome);
      await worker.terminate();
    };
    const timer = setTimeout(
      () => void finish(new BuildingError(file, 'too_slow', `not read within ${budget.seconds} s`)),
      budget.seconds * 1000,
    );
    worker.on(
      'message',
      (r: WorkerReply) => void finish(r.ok ? { glb: r.glb, index: r.index, map: r.map } : new BuildingError(file, r.code, r.detail)),
    );
    worker.on(
      'error',
      (err: Error & { code?: string }) =>
        void finish(
          err.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new BuildingError(file, 'out_of_memory', `the reader's ${budget.heapMb} MiB heap was not enough`)
            : new BuildingError(file, 'broken', `the reader failed: ${err.message.slice(0, 200)}`),
        ),
    );
    worker.on('exit', (code) => void finish(new BuildingError(file, 'broken', `the reader ended (${code}) without an answer`)));
  });
  return { done, stop: () => finish(new BuildingError(file, 'broken', 'the server stopped before it was read')) };
}
